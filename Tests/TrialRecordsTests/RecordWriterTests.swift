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

    @Test func anUnwritableFolderNamesThePath() {
        #expect {
            try RecordWriter(path: "/proc/isorun-cannot/r.jsonl")
        } throws: { error in
            "\(error)".contains("/proc/isorun-cannot")
        }
    }
}
