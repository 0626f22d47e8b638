import Scheduler

/// With CURVE on, ties each worker id to the key its connections authenticated
/// with (the `User-Id` the ZAP handler gives), so that no peer can speak as
/// another: the reserved ids `w<N>` belong to the key the coordinator gives
/// the workers it launches (`DIR/client.public`), and any other id to the first
/// key that used it. A worker's heartbeat connection must present its key too.
struct PeerKeys {
    /// The key of the workers the coordinator launches.
    let launchedKey: String
    /// Ids other than `w<N>`, each with the key that first used it.
    private var boundKeys: [WorkerID: String] = [:]
    /// Most ids bound; past it, new ids are refused (every one is an
    /// authorized peer's, so this is reached only by a misbehaving one).
    static let limit = 4096

    init(launchedKey: String) {
        self.launchedKey = launchedKey
    }

    /// Why a message from `sender` on a connection with `key` is refused; nil
    /// when `sender` may use that key (which then binds a new id to it).
    mutating func refusal(sender: WorkerID, key: String?) -> String? {
        guard let key else { return "the connection has no CURVE key" }
        if Scheduler.isReserved(sender) {
            return key == launchedKey
                ? nil : "worker id '\(sender)' is reserved for workers the coordinator launches, which present its client key"
        }
        if let bound = boundKeys[sender] {
            return bound == key ? nil : "worker id '\(sender)' is in use by a peer with another key"
        }
        guard boundKeys.count < Self.limit else { return "too many worker ids (\(Self.limit)) are in use" }
        boundKeys[sender] = key
        return nil
    }
}
