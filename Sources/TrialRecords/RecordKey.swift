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
    /// Appends `keys` as a JSON array of the objects the `Codable` conformance
    /// reads: how a collector's acknowledgement lists a key for every record
    /// it took. The part of a key that names its run and strategy is written
    /// once for as long as it repeats, as it does through an acknowledgement,
    /// which is one run's.
    package static func appendJSONArray(of keys: [RecordKey], to bytes: inout [UInt8]) {
        /// A literal's bytes appended whole: a `String.UTF8View` is appended a
        /// byte at a time, which made these keys a tenth of a collector's work.
        func append(_ literal: StaticString, to bytes: inout [UInt8]) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        }
        var head: [UInt8] = []
        var named: RecordKey?
        bytes.append(UInt8(ascii: "["))
        for key in keys {
            if named != nil { bytes.append(UInt8(ascii: ",")) }
            if named?.runID != key.runID || named?.strategy != key.strategy {
                head.removeAll(keepingCapacity: true)
                append(#"{"run_id":"#, to: &head)
                FlatJSONWriter.appendQuoted(key.runID, to: &head)
                append(#","strategy":"#, to: &head)
                FlatJSONWriter.appendQuoted(key.strategy.rawValue, to: &head)
                append(#","repeat":"#, to: &head)
            }
            named = key
            bytes.append(contentsOf: head)
            FlatJSONWriter.appendDecimal(key.repeat, to: &bytes)
            append(#","trial":"#, to: &bytes)
            FlatJSONWriter.appendDecimal(key.trial, to: &bytes)
            append(#","attempt":"#, to: &bytes)
            FlatJSONWriter.appendDecimal(key.attempt, to: &bytes)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
