import Dispatch

/// A signal one thread raises to stop another's loop, which waits on it between
/// rounds and so stops at once rather than at the end of a sleep.
public final class StopSignal: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)

    public init() {}

    /// Raises the signal; call at most once.
    public func raise() { semaphore.signal() }

    /// Waits up to `duration`; true when the signal was raised.
    public func wait(for duration: Duration) -> Bool {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        return semaphore.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success
    }
}
