import FoundationEssentials
import TrialRecords
import Wire

// Decoding any message of the protocol, with Foundation's `JSONDecoder` for the
// payloads that are not flat: the coordinator's and the collector's side. It is
// a module of its own so that a worker that decodes only what a coordinator
// sends it (`WireMessage.init(fromCoordinator:tasks:)`, in Wire) links no
// Foundation (`isorun-trial`, issue 13).

extension WireMessage {
    /// Decodes a message from its frames (without any routing-id frame).
    ///
    /// - Parameter tasks: decodes `task` payloads; a worker keeps one so that
    ///   the workload every task repeats is decoded once.
    /// - Throws: ``ProtocolError`` naming what is wrong: frame count, version,
    ///   kind or payload.
    public init(frames: [[UInt8]], tasks: TaskDecoder) throws(ProtocolError) {
        self = try Self.decode(frames, tasks: tasks, keepingRecordBytes: false).message
    }

    /// Decodes a message from a worker as ``init(frames:)`` does; a record's
    /// bytes are kept beside it (``SentRecord``): the coordinator writes them
    /// rather than encoding the record again.
    public static func fromWorker(frames: [[UInt8]]) -> (message: Result<WireMessage, ProtocolError>, sent: SentRecord?) {
        do throws(ProtocolError) {
            let (message, sent) = try decode(frames, tasks: TaskDecoder(), keepingRecordBytes: true)
            return (.success(message), sent)
        } catch {
            return (.failure(error), nil)
        }
    }

    private static func decode(
        _ frames: [[UInt8]], tasks: TaskDecoder, keepingRecordBytes: Bool
    ) throws(ProtocolError) -> (message: WireMessage, sent: SentRecord?) {
        let kind = try Self.kind(of: frames)
        var payload: Data { Data(frames[2]) }
        do {
            switch kind {
            case "hello": return (.hello(try Self.decoder.decode(Hello.self, from: payload).checked()), nil)
            case "ready": return (.ready, nil)
            case "task": return (.task(try tasks.decode(frames[2])), nil)
            case "record" where keepingRecordBytes:
                let sent = try RecordCheck.decodeKeepingBytes(frames[2])
                return (.record(sent.record), sent)
            case "record": return (.record(try RecordCheck.decode(frames[2])), nil)
            case "heartbeat": return (.heartbeat(try Self.decoder.decode(Heartbeat.self, from: payload).checked()), nil)
            case "shutdown": return (.shutdown, nil)
            case "error": return (.error(try Self.decoder.decode(ErrorPayload.self, from: payload).message), nil)
            case "open": return (.open(runID: try Self.decoder.decode(OpenPayload.self, from: payload).runID), nil)
            case "ack": return (.ack(try Self.decoder.decode(Ack.self, from: payload)), nil)
            case "end":
                let end = try Self.decoder.decode(EndPayload.self, from: payload).checked()
                return (.end(runID: end.runID, records: end.records), nil)
            default: throw ProtocolError(message: "unknown message kind '\(kind)'")
            }
        } catch let error as ProtocolError {
            throw error
        } catch {
            throw ProtocolError(message: "malformed \(kind) payload: \(error)")
        }
    }

    /// Decodes a message from its frames (without any routing-id frame).
    ///
    /// - Throws: ``ProtocolError`` naming what is wrong: frame count, version,
    ///   kind or payload.
    public init(frames: [[UInt8]]) throws(ProtocolError) {
        try self.init(frames: frames, tasks: TaskDecoder())
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

    private static let decoder = JSONDecoder()
}
