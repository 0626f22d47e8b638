import Foundation
import SystemPackage
import Testing
import TrialRecords

@Suite struct RecordWriterTests {
    @Test func eachRecordIsOnDiskAsSoonAsItIsWritten() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("isorun-writer-\(UUID().uuidString)/nested")
        let path = folder.appendingPathComponent("r.jsonl").path
        defer { try? FileManager.default.removeItem(atPath: folder.deletingLastPathComponent().path) }
        let writer = try RecordWriter(path: FilePath(path))
        for trial in 0..<3 {
            try writer.write(.sample(trial: trial))
            let onDisk = try RecordReader.read(file: path)
            #expect(onDisk.records.map(\.trial) == Array(0...trial))
        }
        writer.close()
        writer.close()
    }

    @Test func aWriteErrorNamesTheFileAndTheReasonInWords() throws {
        // /dev/full refuses every write with ENOSPC, as a full disk does.
        let writer = try RecordWriter(path: "/dev/full")
        let error = try #require(throws: RecordWriter.WriteError.self) { try writer.write(.sample(trial: 0)) }
        #expect(error.underlying == .noSpace)
        #expect(error.description.hasPrefix("cannot write records to /dev/full: no space left on device"))
        #expect(writer.wholeSize == 0)
    }

    @Test func appendingCountsTheLinesAlreadyThere() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("isorun-writer-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try RecordWriter(path: FilePath(path)).write(line: "{}")
        let writer = try RecordWriter(path: FilePath(path), append: true)
        #expect(writer.wholeSize == 3)
        try writer.write(line: "{}")
        #expect(writer.wholeSize == 6)
    }

    @Test func anUnwritableFolderNamesThePath() {
        #expect {
            try RecordWriter(path: "/proc/isorun-cannot/r.jsonl")
        } throws: { error in
            "\(error)".contains("/proc/isorun-cannot")
        }
    }
}
