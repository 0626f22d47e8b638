import TrialRecords
import Wire

/// Where the coordinator's finished records go, as values: written to the
/// run's file (and forwarded) by ``FileSink``, or kept by a test.
public protocol RecordSink: AnyObject {
    /// Takes one finished record.
    ///
    /// - Parameter sent: the worker's record that `record` completes, as it came
    ///   (its line is written from those bytes); nil for a record the
    ///   coordinator made, such as a lost trial's.
    /// - Throws: what makes keeping records impossible (a full disk, say); the
    ///   run then stops.
    func write(_ record: TrialRecord, sent: SentRecord?) throws

    /// Puts what ``write(_:sent:)`` took where it goes, if it is held: the
    /// coordinator calls it before each wait, so that no record waits with it.
    func flush() throws
}

extension RecordSink {
    public func flush() throws {}
}
