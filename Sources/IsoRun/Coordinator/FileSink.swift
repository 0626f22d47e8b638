import Collecting
import TrialRecords
import Wire

/// The run's ``RecordSink``: each record's line is made once, the moment it is
/// final, and written to the records file and, when the run streams to a
/// standalone collector, handed to its ``CollectorLink``, which never makes the
/// coordinator wait. A worker's record is not encoded again: its line is the
/// bytes the worker sent, with the values the coordinator completed
/// (``SentRecord/line(for:)``).
public final class FileSink: RecordSink {
    private let writer: RecordWriter
    private let collector: CollectorLink?
    private let onRecord: (TrialRecord) -> Void
    /// Records written to the file.
    public private(set) var written = 0
    /// Of those, records whose outcome is not `ok`.
    public private(set) var notOK = 0

    /// - Parameters:
    ///   - writer: the records file.
    ///   - collector: the link to a standalone collector, or nil.
    ///   - onRecord: called with each record once it is in the file.
    public init(writer: RecordWriter, collector: CollectorLink?, onRecord: @escaping (TrialRecord) -> Void) {
        self.writer = writer
        self.collector = collector
        self.onRecord = onRecord
    }

    public func write(_ record: TrialRecord, sent: SentRecord?) throws {
        var line = sent?.line(for: record) ?? record.jsonBytes()
        line.append(UInt8(ascii: "\n"))
        try writer.write(bytes: line)
        written += 1
        if record.outcome != .ok { notOK += 1 }
        line.removeLast()
        collector?.send(RecordKey(record), json: line)
        onRecord(record)
    }
}
