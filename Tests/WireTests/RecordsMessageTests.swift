import Testing
import TrialRecords
import Wire
import WireJSON

/// `records` messages: several records in one payload, one per line, for a
/// collector that says it takes them.
@Suite struct RecordsMessageTests {
    private func line(_ trial: Int, run runID: String = "0123456789abcdef") -> [UInt8] {
        TrialRecord(
            runID: runID, experiment: "seed", strategy: .pool, trial: trial, worker: "w1", pid: 7,
            host: "h", launch: .exec, startedAt: "2026-12-03T12:00:00.000001Z", modelsBefore: trial).jsonBytes()
    }

    private func keys(_ results: [Result<CheckedRecord, RecordRuleError>]) -> [Int?] {
        results.map { try? $0.get().key.trial }
    }

    @Test func eachRecordOfTheMessageIsCheckedAndKeyed() throws {
        let frames = WireMessage.recordsFrames(lines: (0..<3).map { line($0) })
        #expect(frames.count == 3 && frames[1] == Array("records".utf8))
        let checked = try #require(try WireMessage.checkedRecords(frames: frames, limit: 3))
        #expect(keys(checked) == [0, 1, 2])
        #expect(try checked.map { Array(try $0.get().json) } == (0..<3).map { line($0) })
    }

    /// Each record's key names its own run, whether it shares the one before's or not.
    @Test func recordsOfTwoRunsInOneMessageKeepTheirRuns() throws {
        let (first, second) = ("0123456789abcdef", "fedcba9876543210")
        var bad = line(9, run: second)
        bad.replaceSubrange(bad.firstRange(of: Array(#""trial":9"#.utf8))!, with: Array(#""trial":-9"#.utf8))
        let lines = [line(0, run: first), line(1, run: first), line(2, run: second), bad, line(3, run: second), line(4, run: first)]
        let checked = try #require(try WireMessage.checkedRecords(frames: WireMessage.recordsFrames(lines: lines), limit: 6))
        #expect(checked.map { try? $0.get().key.runID } == [first, first, second, nil, second, first])
        // One run's records of a message share its run id's storage.
        var (a, b) = (try checked[0].get().key.runID, try checked[1].get().key.runID)
        #expect(a.withUTF8 { $0.baseAddress } == b.withUTF8 { $0.baseAddress })
    }

    @Test func aRecordThatBreaksTheRulesFailsAloneAndEmptyLinesAreSkipped() throws {
        var bad = line(1)
        bad.replaceSubrange(bad.firstRange(of: Array(#""trial":1"#.utf8))!, with: Array(#""trial":-1"#.utf8))
        let payload = line(0) + [0x0A, 0x0A] + bad + [0x0A] + line(2) + [0x0A]
        let checked = try #require(try WireMessage.checkedRecords(
            frames: [Array("isorun/2".utf8), Array("records".utf8), payload], limit: 10))
        #expect(keys(checked) == [0, nil, 2])
        if case .failure(let error) = checked[1] {
            #expect(error.message.contains("'trial'"), "\(error)")
        }
    }

    @Test func moreRecordsThanTheLimitAreRefusedWhole() {
        let frames = WireMessage.recordsFrames(lines: (0..<4).map { line($0) })
        #expect(throws: ProtocolError(message: "a records message of more than 3 records; at most 3 are taken in one")) {
            _ = try WireMessage.checkedRecords(frames: frames, limit: 3)
        }
    }

    @Test func anyOtherMessageIsNotARecordsMessage() throws {
        var record = WireMessage.recordFrames(json: line(0))
        #expect(try WireMessage.checkedRecords(frames: record, limit: 10) == nil)
        record[0] = Array("isorun/1".utf8)
        record[1] = Array("records".utf8)
        #expect(try WireMessage.checkedRecords(frames: record, limit: 10) == nil)
    }

    @Test func anAckWithoutTheKeyDecodesAsTakingNoRecordsMessage() throws {
        let payload = #"{"run_id":"0123456789abcdef","records":[],"ended":false}"#
        let frames = [Array("isorun/2".utf8), Array("ack".utf8), Array(payload.utf8)]
        guard case .ack(let ack) = try WireMessage(frames: frames) else {
            Issue.record("not an ack")
            return
        }
        #expect(ack.recordsPerMessage == 0)
        let announced = WireMessage.ack(.init(runID: "0123456789abcdef", recordsPerMessage: 256)).frames[2]
        #expect(String(decoding: announced, as: UTF8.self).contains(#""records_per_message":256"#))
    }
}
