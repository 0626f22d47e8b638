import Dispatch

/// A signal one thread raises to stop another's loop, which waits on it between
/// rounds and so stops at once rather than at the end of a sleep.
final class StopSignal: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)

    /// Raises the signal; call at most once.
    func raise() { semaphore.signal() }

    /// Waits up to `duration`; true when the signal was raised.
    func wait(for duration: Duration) -> Bool {
        let nanoseconds = Int((duration.seconds * 1e9).rounded())
        return semaphore.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success
    }
}
