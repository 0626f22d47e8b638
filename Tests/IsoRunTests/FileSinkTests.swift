import Foundation
import IsoRun
import SystemPackage
import Testing
import TrialRecords
import Wire

/// The records file takes a worker's record from the bytes it sent, with the
/// coordinator's values written in; a record the coordinator made is encoded.
/// Records taken together are written, and handed on, at the sink's flush.
@Suite struct FileSinkTests {
    private static let sent: TrialRecord = {
        var record = TrialRecord(
            runID: "0123456789abcdef", experiment: "seed", strategy: .pool, trial: 3, worker: "w1", pid: 99,
            host: "h", launch: .exec, startedAt: "2026-12-03T12:00:00.000001Z", modelsBefore: 3)
        record.totalSeconds = 2e-4
        record.wallSeconds = 3e-4
        return record
    }()

    @Test func aWorkersRecordIsWrittenFromItsBytesAndAMadeOneIsEncoded() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("isorun-sink-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("r.jsonl").path
        try RecordWriter.createParentFolders(of: FilePath(path))
        let writer = try RecordWriter(path: FilePath(path))
        var handed: [TrialRecord] = []
        let sink = FileSink(writer: writer, collector: nil) { handed.append($0) }

        // Keys in reverse order and spaced out, as a worker in another language may write them.
        let members = TrialRecord.fields.reversed().map { field in
            var member = FlatJSONWriter()
            member.add(field.key, field.value(Self.sent))
            return String(member.finish().dropFirst().dropLast())
        }
        let bytes = Array(("{ " + members.joined(separator: ", ") + " }").utf8)
        var completed = Self.sent
        completed.wallSeconds = 4.5e-4
        completed.isolationSeconds = 1e-4
        try sink.write(completed, sent: try RecordCheck.decodeKeepingBytes(bytes))
        var lost = Self.sent
        lost.trial = 4
        lost.outcome = .workerLost
        lost.reason = "worker w1 exited"
        try sink.write(lost, sent: try RecordCheck.decodeKeepingBytes(bytes))
        // Held until the coordinator is about to wait, then written together.
        #expect(try String(contentsOfFile: path, encoding: .utf8).isEmpty && handed.isEmpty && sink.written == 0)
        try sink.flush()
        writer.close()

        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        try #require(lines.count == 2)
        #expect(lines[0].hasPrefix("{ \"recycled\":null, "), "the worker's order and spacing are kept")
        #expect(try TrialRecord(jsonLine: lines[0]) == completed)
        #expect(lines[1] == lost.jsonLine(), "a record the coordinator made is encoded whole")
        #expect(handed == [completed, lost])
        #expect(sink.written == 2 && sink.notOK == 1)
    }
}
