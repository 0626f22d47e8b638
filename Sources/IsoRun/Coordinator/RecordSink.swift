import TrialRecords

/// Where the coordinator's finished records go, as values: written to the
/// run's file (and forwarded) by ``FileSink``, or kept by a test.
public protocol RecordSink: AnyObject {
    /// Takes one finished record.
    ///
    /// - Throws: what makes keeping records impossible (a full disk, say); the
    ///   run then stops.
    func write(_ record: TrialRecord) throws
}
