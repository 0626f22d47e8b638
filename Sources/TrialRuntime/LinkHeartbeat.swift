import Processes
import Wire

/// Sends a linked trial's heartbeats from a thread of its own, on the trial's
/// link, the first one `interval` after it starts: the hello has just told the
/// coordinator that the worker lives, and most trials end sooner. A heartbeat
/// is one packet, sent whole beside the main thread's packets.
final class LinkHeartbeat: Sendable {
    private let signal: StopSignal
    private let thread: OSThread

    init(link: PacketSocket, worker: String, interval: Duration) {
        let signal = StopSignal()
        self.signal = signal
        thread = OSThread {
            while !signal.wait(for: interval) {
                let beat = WireMessage.Heartbeat(worker: worker, rssBytes: ProcessMetrics.residentBytes())
                guard link.send(WirePacket.encode(WireMessage.heartbeat(beat).frames)) else { return }
            }
        }
    }

    /// Stops the thread and waits for it.
    func stop() {
        signal.raise()
        thread.join()
    }
}
