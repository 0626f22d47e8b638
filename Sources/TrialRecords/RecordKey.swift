/// What makes a record one of a kind: the run, and which attempt of which trial
/// of that run it reports. A run writes exactly one record per key, so a
/// collector that stores each key once stores every record once, however often
/// it is sent.
public struct RecordKey: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The run (16 lowercase hex digits).
    public var runID: String
    public var strategy: Strategy
    public var `repeat`: Int
    public var trial: Int
    public var attempt: Int

    public init(runID: String, strategy: Strategy, repeat: Int, trial: Int, attempt: Int) {
        self.runID = runID
        self.strategy = strategy
        self.repeat = `repeat`
        self.trial = trial
        self.attempt = attempt
    }

    /// The key of `record`.
    public init(_ record: TrialRecord) {
        self.init(
            runID: record.runID, strategy: record.strategy, repeat: record.repeat, trial: record.trial,
            attempt: record.attempt)
    }

    /// `run 9f1c0e4a2b7d4c11 clear repeat 0 trial 7 attempt 1`.
    public var description: String {
        "run \(runID) \(strategy.rawValue) repeat \(`repeat`) trial \(trial) attempt \(attempt)"
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case strategy, `repeat`, trial, attempt
    }
}

extension RecordKey {
    /// Appends the key as the JSON object its `Codable` conformance reads:
    /// how a collector's acknowledgement lists a key for every record it took.
    package func appendJSON(to bytes: inout [UInt8]) {
        /// A literal's bytes appended whole: a `String.UTF8View` is appended a
        /// byte at a time, which made these keys a tenth of a collector's work.
        func append(_ literal: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        }
        append(#"{"run_id":"#)
        FlatJSONWriter.appendQuoted(runID, to: &bytes)
        append(#","strategy":"#)
        FlatJSONWriter.appendQuoted(strategy.rawValue, to: &bytes)
        append(#","repeat":"#)
        FlatJSONWriter.appendDecimal(`repeat`, to: &bytes)
        append(#","trial":"#)
        FlatJSONWriter.appendDecimal(trial, to: &bytes)
        append(#","attempt":"#)
        FlatJSONWriter.appendDecimal(attempt, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }
}
