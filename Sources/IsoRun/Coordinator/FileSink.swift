import Collecting
import TrialRecords
import Wire

/// The run's ``RecordSink``: each record's line is made once, the moment it is
/// final, and written to the records file and, when the run streams to a
/// standalone collector, handed to its ``CollectorLink``, which never makes the
/// coordinator wait. A worker's record is not encoded again: its line is the
/// bytes the worker sent, with the values the coordinator completed
/// (``SentRecord/line(for:)``, appended in place: ``SentRecord/appendLine(for:to:)``).
///
/// The lines of the records that come together (one wake-up of the
/// coordinator) are written with one `write(2)` at ``flush()``, before the
/// coordinator waits again, and only then forwarded.
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

    /// The lines not yet written, each ending in a newline.
    private var pending: [UInt8] = []
    /// The records whose lines are pending, with where each line lies.
    private var pendingRecords: [(record: TrialRecord, line: Range<Int>)] = []

    public func write(_ record: TrialRecord, sent: SentRecord?) throws {
        let start = pending.count
        if sent?.appendLine(for: record, to: &pending) != true { pending += record.jsonBytes() }
        pendingRecords.append((record, start..<pending.count))
        pending.append(UInt8(ascii: "\n"))
    }

    public func flush() throws {
        guard !pendingRecords.isEmpty else { return }
        // Emptied however the write ends: lines whose write failed are not tried again.
        defer {
            pending.removeAll(keepingCapacity: true)
            pendingRecords.removeAll(keepingCapacity: true)
        }
        try writer.write(bytes: pending)
        for (record, line) in pendingRecords {
            written += 1
            if record.outcome != .ok { notOK += 1 }
            collector?.send(RecordKey(record), json: Array(pending[line]))
            onRecord(record)
        }
    }
}
