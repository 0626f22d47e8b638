import TrialRecords

extension WireMessage {
    /// Decodes a message a worker receives from its coordinator, `task`,
    /// `shutdown` or `error`, without Foundation: a worker that decodes its
    /// messages this way (`isorun-trial`) links none (issue 13). A task must
    /// be in the layout the coordinator writes (``TaskDecoder/decodeCanonical(_:)``).
    ///
    /// - Parameter tasks: decodes `task` payloads, keeping the last workload.
    /// - Throws: ``ProtocolError`` naming what is wrong: frame count, version,
    ///   a kind a worker does not receive, or a payload that is not its kind's.
    public init(fromCoordinator frames: [[UInt8]], tasks: TaskDecoder) throws(ProtocolError) {
        let kind = try Self.kind(of: frames)
        let payload = frames[2]
        switch kind {
        case "task":
            guard let task = tasks.decodeCanonical(payload) else {
                throw ProtocolError(message: #"malformed task payload: not {"spec":{...},"workload":{...}} as the coordinator writes it"#)
            }
            self = .task(task)
        case "shutdown":
            self = .shutdown
        case "error":
            guard let object = FlatJSONObject(payload), object.end == payload.count, let message = object.string("message")
            else { throw ProtocolError(message: #"malformed error payload: expected {"message":"..."}"#) }
            self = .error(message)
        default:
            throw ProtocolError(message: "a worker receives task, shutdown or error, not '\(kind)'")
        }
    }
}
