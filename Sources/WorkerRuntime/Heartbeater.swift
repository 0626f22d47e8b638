import Logging
import Processes
import Security
import Wire
import ZeroMQ

/// Sends a worker's heartbeats from a thread and a DEALER of its own until stopped,
/// the first one `interval` after it starts: the hello has just told the
/// coordinator that the worker lives, and a `process` trial that ends sooner
/// (most do) never opens the heartbeat connection, nor has the coordinator
/// accept it.
final class Heartbeater: Sendable {
    private let signal: StopSignal
    private let thread: OSThread

    init(context: Context, endpoint: String, worker: String, interval: Duration, curve: ClientKeys?, logger: Logger) {
        let signal = StopSignal()
        self.signal = signal
        thread = OSThread {
            if signal.wait(for: interval) { return }
            do {
                let socket = try Socket(context, type: .dealer)
                defer { socket.close() }
                try socket.setRoutingID(Array("\(worker)#heartbeat".utf8))
                try SocketLimits.limitHeartbeat(socket)
                try curve?.secure(socket)
                try socket.connect(endpoint)
                repeat {
                    let beat = WireMessage.Heartbeat(worker: worker, rssBytes: ProcessMetrics.residentBytes())
                    _ = try? socket.send(WireMessage.heartbeat(beat).frames, flags: .dontWait)
                } while !signal.wait(for: interval)
            } catch {
                logger.error("heartbeats stopped: \(error)")
            }
        }
    }

    /// Stops the thread and waits for it to close its socket.
    func stop() {
        signal.raise()
        thread.join()
    }
}
