import TrialRecords

extension WireMessage {
    /// The message as its three frames.
    public var frames: [[UInt8]] {
        [Self.versionBytes, Array(kind.utf8), payload]
    }

    static let versionBytes = Array(version.utf8)

    /// The kind of a message of three frames in this protocol version.
    ///
    /// - Throws: ``ProtocolError`` for another frame count or version.
    package static func kind(of frames: [[UInt8]]) throws(ProtocolError) -> String {
        guard frames.count == 3 else {
            throw ProtocolError(message: "expected 3 frames (version, kind, payload), got \(frames.count)")
        }
        guard frames[0] == versionBytes else {
            let version = String(decoding: frames[0].prefix(32), as: UTF8.self)
            throw ProtocolError(message: "unsupported protocol version '\(version)'; this side speaks \(Self.version)")
        }
        return String(decoding: frames[1].prefix(32), as: UTF8.self)
    }

    /// The payload, written without `JSONEncoder`: a worker that encodes its
    /// messages then links no Foundation (issue 13).
    private var payload: [UInt8] {
        /// A small object written here; made only for the kinds that need it,
        /// since a writer reserves room for a record.
        func object(_ members: (inout FlatJSONWriter) -> Void) -> [UInt8] {
            var json = FlatJSONWriter()
            members(&json)
            return json.finishBytes()
        }
        return switch self {
        case .hello(let hello): hello.jsonBytes
        case .task(let task): TaskEncoder(workloadJSON: Task.json(of: task.workload)).payload(for: task.spec)
        case .record(let record): record.jsonBytes()
        case .heartbeat(let heartbeat): heartbeat.jsonBytes
        case .error(let message): object { $0.add("message", message) }
        case .open(let runID): object { $0.add("run_id", runID) }
        case .ack(let ack): ack.payload
        case .end(let runID, let records):
            object {
                $0.add("run_id", runID)
                $0.add("records", records)
            }
        case .ready, .shutdown: Array("{}".utf8)
        }
    }

    /// For a collector: the record a message carries, checked (``RecordCheck``)
    /// but not decoded; nil when the message is not a record, for
    /// `init(frames:)` (module WireJSON) to decode.
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

    /// The version and kind frames of every task (``TaskEncoder``).
    static let taskHead = [versionBytes, Array("task".utf8)]

}
