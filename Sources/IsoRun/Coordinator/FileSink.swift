import TrialRecords
import Wire
import ZeroMQ

/// The run's ``RecordSink``: each record is encoded once, the moment it is
/// final, and those bytes are written to the records file and, when the run
/// streams to a standalone collector, sent on to it.
public final class FileSink: RecordSink {
    private let writer: RecordWriter
    private let collector: Socket?
    private let onRecord: (TrialRecord) -> Void
    /// Records written to the file.
    public private(set) var written = 0
    /// Of those, records whose outcome is not `ok`.
    public private(set) var notOK = 0
    /// Records the standalone collector's socket could not take.
    public private(set) var dropped = 0

    /// - Parameters:
    ///   - writer: the records file.
    ///   - collector: a PUSH socket connected to a standalone collector, or nil.
    ///   - onRecord: called with each record once it is in the file.
    public init(writer: RecordWriter, collector: Socket?, onRecord: @escaping (TrialRecord) -> Void) {
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
        if let collector {
            line.removeLast()
            // A standalone collector that is gone or slow must not stall the run.
            if (try? collector.send(WireMessage.recordFrames(json: line), flags: .dontWait)) == nil {
                dropped += 1
            }
        }
        onRecord(record)
    }
}
