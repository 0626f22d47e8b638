import Collecting
import TrialRecords

/// The run's ``RecordSink``: each record is encoded once, the moment it is
/// final, and those bytes are written to the records file and, when the run
/// streams to a standalone collector, handed to its ``CollectorLink``, which
/// never makes the coordinator wait.
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

    public func write(_ record: TrialRecord) throws {
        var line = record.jsonBytes()
        line.append(UInt8(ascii: "\n"))
        try writer.write(bytes: line)
        written += 1
        if record.outcome != .ok { notOK += 1 }
        line.removeLast()
        collector?.send(RecordKey(record), json: line)
        onRecord(record)
    }
}
