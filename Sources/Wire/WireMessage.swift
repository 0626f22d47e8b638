import TrialRecords

/// A message of IsoRun's wire protocol: three frames, `isorun/2` (the version),
/// the kind, and a JSON payload. `docs/protocol.md` specifies every kind.
///
/// A ROUTER socket sees the sender's routing id as an extra first frame; that
/// frame is not part of the message.
public enum WireMessage: Sendable, Equatable {
    /// Worker → coordinator, once, on connecting.
    case hello(Hello)
    /// Worker → coordinator, once, after hello: free for a task. Each record
    /// says the same again.
    case ready
    /// Coordinator → worker: run this trial.
    case task(Task)
    /// Worker → coordinator, and coordinator → collector: a finished trial.
    /// (A run sends a collector several at once in a `records` message, which
    /// only a collector reads: ``recordsFrames(lines:)``.)
    case record(TrialRecord)
    /// Worker → coordinator, every heartbeat interval, from a thread of its own.
    case heartbeat(Heartbeat)
    /// Coordinator → worker: finish and exit.
    case shutdown
    /// Either way: the peer sent something this side refuses.
    case error(String)
    /// Coordinator → collector: the run introduces itself (the handshake); the
    /// collector answers with an empty ``Ack``.
    case open(runID: String)
    /// Collector → coordinator: these records are on disk (or were already),
    /// or, with ``Ack/ended``, the run's `end` was taken.
    case ack(Ack)
    /// Coordinator → collector: the run `runID` is over and wrote `records` records.
    case end(runID: String, records: Int)

    /// The version frame every message starts with.
    public static let version = "isorun/2"

    /// What a worker says of itself.
    public struct Hello: Codable, Sendable, Equatable {
        public var worker: String
        public var pid: Int32
        public var host: String
        /// `exec`, `fork-server` or `external` (started by hand).
        public var launch: String
        /// Strategies the worker can run a trial under.
        public var capabilities: [String]

        public init(worker: String, pid: Int32, host: String, launch: String, capabilities: [String]) {
            self.worker = worker
            self.pid = pid
            self.host = host
            self.launch = launch
            self.capabilities = capabilities
        }
    }

    /// One trial for a worker to run.
    public struct Task: Codable, Sendable, Equatable {
        public var spec: TrialSpec
        public var workload: Workload

        public init(spec: TrialSpec, workload: Workload) {
            self.spec = spec
            self.workload = workload
        }
    }

    /// A worker's sign of life.
    public struct Heartbeat: Codable, Sendable, Equatable {
        public var worker: String
        /// Resident memory of the worker process, in bytes.
        public var rssBytes: Int

        public init(worker: String, rssBytes: Int) {
            self.worker = worker
            self.rssBytes = rssBytes
        }

        enum CodingKeys: String, CodingKey {
            case worker
            case rssBytes = "rss_bytes"
        }
    }

    /// A collector's acknowledgement. Duplicates are acknowledged too: a key
    /// here means the collector holds that record, whoever sent it first.
    public struct Ack: Codable, Sendable, Equatable {
        /// The run acknowledged.
        public var runID: String
        /// The records of that run now stored; empty in answer to `open` and `end`.
        public var records: [RecordKey]
        /// True in answer to the run's `end`.
        public var ended: Bool
        /// The most records this collector takes in one `records` message
        /// (``WireMessage/recordsFrames(lines:)``); 0 or 1, or absent from
        /// the payload: it takes only `record` messages.
        public var recordsPerMessage: Int

        public init(runID: String, records: [RecordKey] = [], ended: Bool = false, recordsPerMessage: Int = 0) {
            self.runID = runID
            self.records = records
            self.ended = ended
            self.recordsPerMessage = recordsPerMessage
        }

        /// Decodes an acknowledgement; one without `records_per_message` (a
        /// collector written before `records` messages) takes none.
        public init(from decoder: any Decoder) throws {
            let payload = try decoder.container(keyedBy: CodingKeys.self)
            runID = try payload.decode(String.self, forKey: .runID)
            records = try payload.decode([RecordKey].self, forKey: .records)
            ended = try payload.decode(Bool.self, forKey: .ended)
            recordsPerMessage = try payload.decodeIfPresent(Int.self, forKey: .recordsPerMessage) ?? 0
        }

        enum CodingKeys: String, CodingKey {
            case runID = "run_id"
            case records, ended
            case recordsPerMessage = "records_per_message"
        }
    }

    /// The kind frame's text.
    public var kind: String {
        switch self {
        case .hello: "hello"
        case .ready: "ready"
        case .task: "task"
        case .record: "record"
        case .heartbeat: "heartbeat"
        case .shutdown: "shutdown"
        case .error: "error"
        case .open: "open"
        case .ack: "ack"
        case .end: "end"
        }
    }
}

/// A message that is not IsoRun's protocol, or not its version.
public struct ProtocolError: Error, Equatable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
