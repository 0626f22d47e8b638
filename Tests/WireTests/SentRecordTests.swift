import Testing
import TrialRecords
import Wire

/// A worker's record is written from the bytes it sent, with the values the
/// coordinator completes written anew: the line must be the completed record.
@Suite struct SentRecordTests {
    private static let sent: TrialRecord = {
        var record = TrialRecord(
            runID: "0123456789abcdef", experiment: "seed", strategy: .pool, trial: 7, worker: "w1", pid: 4242,
            host: "h", launch: .exec, startedAt: "2026-12-03T12:00:00.000001Z", modelsBefore: 7)
        record.createSeconds = 1.4e-4
        record.fitSeconds = 3.9e-4
        record.testSeconds = 2.2e-5
        record.totalSeconds = 5.5e-4
        record.isolationSeconds = 2.9e-5
        record.wallSeconds = 9.7e-4
        record.rssBytes = 8_155_136
        record.graphNodes = 152
        return record
    }()

    /// What the coordinator does to a pool record: its own times, the launch it
    /// knows, and the reason it recycled the worker.
    private static func completed(_ record: TrialRecord) -> TrialRecord {
        var record = record
        record.isolationSeconds = 0.000_123_456
        record.wallSeconds = 12.5
        record.launch = .forkServer
        record.recycled = "max-trials"
        return record
    }

    @Test func theLineOfARecordAsOurWorkersWriteItIsTheCompletedRecordsEncoding() throws {
        let sent = try RecordCheck.decodeKeepingBytes(Self.sent.jsonBytes())
        #expect(sent.record == Self.sent)
        let final = Self.completed(Self.sent)
        #expect(sent.line(for: final) == final.jsonBytes())
        #expect(sent.line(for: Self.sent) == Self.sent.jsonBytes())
    }

    /// Keys in another order, white space and line breaks between tokens, and a
    /// value that grows from `null` to text: the line still decodes to the
    /// completed record, passes the record check, and is one line.
    @Test func theLineOfARecordWrittenOtherwiseDecodesToTheCompletedRecord() throws {
        let members = TrialRecord.fields.reversed().map { field in
            var member = FlatJSONWriter()
            member.add(field.key, field.value(Self.sent))
            return String(member.finish().dropFirst().dropLast())
        }
        let json = Array(("{ \r\n" + members.joined(separator: " ,\n\t") + "\n}\n").utf8)
        let sent = try RecordCheck.decodeKeepingBytes(json)
        #expect(sent.record == Self.sent)
        let final = Self.completed(Self.sent)
        let line = try #require(sent.line(for: final))
        #expect(!line.contains(0x0A) && !line.contains(0x0D))
        #expect(try TrialRecord(json: line) == final)
        #expect(try RecordCheck.decode(line) == final)
    }

    /// The lines of a batch are gathered in one buffer: a line appended after
    /// others loses its own line breaks and leaves theirs be.
    @Test func aLineAppendedAfterOthersIsTheLineAlone() throws {
        let json = Array(Self.sent.jsonLine().replacingOccurrences(",", ",\r\n").utf8)
        let sent = try RecordCheck.decodeKeepingBytes(json)
        let final = Self.completed(Self.sent)
        var batch = Array("earlier line\n".utf8)
        #expect(sent.appendLine(for: final, to: &batch))
        #expect(batch == Array("earlier line\n".utf8) + (try #require(sent.line(for: final))))
        var untouched = Array("earlier\n".utf8)
        var lost = final
        lost.outcome = .workerLost
        #expect(!sent.appendLine(for: lost, to: &untouched) && untouched == Array("earlier\n".utf8))
    }

    /// A record the coordinator made of the worker's, differing beyond the
    /// completed keys (a refused outcome turned into a lost trial), is not
    /// written from the worker's bytes.
    @Test func aRecordThatDiffersBeyondTheCompletedKeysHasNoLine() throws {
        let sent = try RecordCheck.decodeKeepingBytes(Self.sent.jsonBytes())
        var lost = Self.completed(Self.sent)
        lost.outcome = .workerLost
        lost.reason = "worker reported outcome 'timeout'"
        #expect(sent.line(for: lost) == nil)
        var other = Self.sent
        other.trial += 1
        #expect(sent.line(for: other) == nil)
    }

    @Test func theCompletedKeysAreKeysOfTheRecord() {
        #expect(Set(SentRecord.completedKeys).isSubset(of: Set(TrialRecord.keys)))
        #expect(SentRecord.completedKeys.count == 4)
    }
}
