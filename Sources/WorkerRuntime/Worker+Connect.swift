import ZeroMQ
import ZeroMQMonitor

extension Worker {
    /// No coordinator answered at the worker's endpoint within its connect timeout:
    /// no ZeroMQ handshake was completed there and no message came.
    public struct ConnectTimeout: Error, CustomStringConvertible {
        /// The endpoint the worker connected to.
        public var endpoint: String
        /// How long it waited.
        public var timeout: Duration

        public var description: String {
            let (seconds, attoseconds) = timeout.components
            let shown = attoseconds == 0 ? "\(seconds)" : "\(Double(seconds) + Double(attoseconds) / 1e18)"
            return "no coordinator answered at \(endpoint) within \(shown) s"
        }
    }

    /// The coordinator at the worker's endpoint refused its ZeroMQ handshake:
    /// its CURVE keys were not admitted, or one side uses CURVE and the other not.
    public struct HandshakeRefused: Error, CustomStringConvertible {
        /// The endpoint the worker connected to.
        public var endpoint: String
        /// Whether this worker used CURVE keys.
        public var withKeys: Bool

        public var description: String {
            withKeys
                ? "the coordinator at \(endpoint) refused this worker's CURVE handshake: its authorized/ folder must "
                    + "hold this worker's client.public, and this worker's server.public must be the coordinator's"
                : "the coordinator at \(endpoint) refused the handshake: it probably requires CURVE keys (--curve DIR)"
        }
    }

    /// Waits until a coordinator is known to be at the endpoint: the connection
    /// completed ZeroMQ's handshake with a ROUTER there, or a message came. An
    /// open port alone is not enough, and a coordinator with no task for this
    /// worker yet is not taken for an absent one. Messages are left to be read.
    ///
    /// - Throws: ``ConnectTimeout`` past `timeout`; ``HandshakeRefused`` when
    ///   the coordinator refuses the handshake; `ZMQError` from the poll.
    func awaitCoordinator(socket: Socket, monitor: SocketMonitor, timeout: Duration) throws {
        defer { monitor.stop() }
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else {
                // The hello and ready queued for nobody must not hold up the context's end.
                try? socket.setLinger(.zero)
                throw ConnectTimeout(endpoint: options.endpoint, timeout: timeout)
            }
            let ready = try poll([.socket(socket), monitor.pollItem], timeout: left)
            if ready[0].contains(.readable) { return }
            guard ready[1].contains(.readable), let event = try monitor.next(timeout: .zero) else { continue }
            if event.event == .handshakeSucceeded { return }
            if MonitorEvents.handshakeFailed.contains(event.event) {
                try? socket.setLinger(.zero)
                throw HandshakeRefused(endpoint: options.endpoint, withKeys: options.curve != nil)
            }
        }
    }
}
