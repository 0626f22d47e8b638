import FoundationEssentials
import TrialRecords

extension WireMessage {
    /// The message as its three frames.
    public var frames: [[UInt8]] {
        [Self.versionBytes, Array(kind.utf8), payload]
    }

    private static let versionBytes = Array(version.utf8)

    /// Decodes a message from its frames (without any routing-id frame).
    ///
    /// - Parameter tasks: decodes `task` payloads; a worker keeps one so that
    ///   the workload every task repeats is decoded once.
    /// - Throws: ``ProtocolError`` naming what is wrong: frame count, version,
    ///   kind or payload.
    public init(frames: [[UInt8]], tasks: TaskDecoder) throws(ProtocolError) {
        guard frames.count == 3 else {
            throw ProtocolError(message: "expected 3 frames (version, kind, payload), got \(frames.count)")
        }
        guard frames[0] == Self.versionBytes else {
            let version = String(decoding: frames[0].prefix(32), as: UTF8.self)
            throw ProtocolError(message: "unsupported protocol version '\(version)'; this side speaks \(Self.version)")
        }
        let kind = String(decoding: frames[1].prefix(32), as: UTF8.self)
        var payload: Data { Data(frames[2]) }
        do {
            switch kind {
            case "hello": self = .hello(try Self.decoder.decode(Hello.self, from: payload).checked())
            case "ready": self = .ready
            case "task": self = .task(try tasks.decode(frames[2]))
            case "record":
                _ = try RecordCheck.check(frames[2])
                self = .record(try TrialRecord(json: frames[2]))
            case "heartbeat": self = .heartbeat(try Self.decoder.decode(Heartbeat.self, from: payload).checked())
            case "shutdown": self = .shutdown
            case "error": self = .error(try Self.decoder.decode(ErrorPayload.self, from: payload).message)
            case "open": self = .open(runID: try Self.decoder.decode(OpenPayload.self, from: payload).runID)
            case "ack": self = .ack(try Self.decoder.decode(Ack.self, from: payload))
            case "end":
                let end = try Self.decoder.decode(EndPayload.self, from: payload).checked()
                self = .end(runID: end.runID, records: end.records)
            default: throw ProtocolError(message: "unknown message kind '\(kind)'")
            }
        } catch let error as ProtocolError {
            throw error
        } catch {
            throw ProtocolError(message: "malformed \(kind) payload: \(error)")
        }
    }

    private var payload: [UInt8] {
        // Encoding plain Codable values cannot fail.
        switch self {
        case .hello(let hello): return hello.jsonBytes
        case .task(let task): return Task.payload(spec: task.spec, workloadJSON: Task.json(of: task.workload))
        case .record(let record): return record.jsonBytes()
        case .heartbeat(let heartbeat): return heartbeat.jsonBytes
        case .error(let message): return try! Array(Self.encoder.encode(ErrorPayload(message: message)))
        case .open(let runID): return try! Array(Self.encoder.encode(OpenPayload(runID: runID)))
        case .ack(let ack): return ack.payload
        case .end(let runID, let records): return try! Array(Self.encoder.encode(EndPayload(runID: runID, records: records)))
        case .ready, .shutdown: return Array("{}".utf8)
        }
    }

    /// Decodes a message from its frames (without any routing-id frame).
    ///
    /// - Throws: ``ProtocolError`` naming what is wrong: frame count, version,
    ///   kind or payload.
    public init(frames: [[UInt8]]) throws(ProtocolError) {
        try self.init(frames: frames, tasks: TaskDecoder())
    }

    /// For a collector: the record a message carries, checked (``RecordCheck``)
    /// but not decoded; nil when the message is not a record, for
    /// ``init(frames:)`` to decode.
    ///
    /// - Throws: ``ProtocolError`` for a record that breaks ``RecordRules``.
    public static func checkedRecord(frames: [[UInt8]]) throws(ProtocolError) -> CheckedRecord? {
        guard frames.count == 3, frames[0] == versionBytes, frames[1] == recordKind else { return nil }
        do {
            return try RecordCheck.check(frames[2])
        } catch {
            throw ProtocolError(message: "malformed record payload: \(error)")
        }
    }

    private static let recordKind = Array("record".utf8)

    /// The frames of a record already encoded as JSON: how a record that has
    /// just been written to a file goes on to a collector without a second encoding.
    public static func recordFrames(json: [UInt8]) -> [[UInt8]] {
        [versionBytes, recordKind, json]
    }

    /// The frames of a task whose workload is already encoded (see
    /// ``Task/json(of:)``): what the coordinator sends for every trial.
    public static func taskFrames(spec: TrialSpec, workloadJSON: String) -> [[UInt8]] {
        [versionBytes, Array("task".utf8), Task.payload(spec: spec, workloadJSON: workloadJSON)]
    }

    private struct ErrorPayload: Codable { var message: String }
    private struct OpenPayload: Codable {
        var runID: String
        enum CodingKeys: String, CodingKey { case runID = "run_id" }
    }
    private struct EndPayload: Codable {
        var runID: String
        var records: Int
        enum CodingKeys: String, CodingKey { case runID = "run_id", records }

        func checked() throws(RecordRuleError) -> Self {
            guard (0...RecordRules.maxCount).contains(records) else {
                throw RecordRuleError(message: "'records': expected an integer from 0 to 2^50, got \(records)")
            }
            return self
        }
    }

    private static let encoder = JSONEncoder()
    private static let decoder = JSONDecoder()
}
