import Logging
import Wire

extension Logger {
    /// Logs a message from the coordinator that a worker does not act on: a
    /// refusal of one of its own messages, or a kind only a coordinator or a
    /// collector receives.
    public func noteNotForWorker(_ message: WireMessage) {
        if case .error(let reason) = message {
            error("the coordinator refused a message of this worker: \(reason)")
        } else {
            warning("ignored a \(message.kind) message, which only a coordinator or collector receives")
        }
    }
}
