import CProcessShims

#if canImport(Glibc)
import Glibc
#endif

/// A signal one thread raises to stop another's loop, which waits on it between
/// rounds and so stops at once rather than at the end of a sleep.
///
/// A pipe the raise writes to and the wait polls, rather than a
/// `DispatchSemaphore`: this module is linked into the `process` trial's
/// program, which one would link libdispatch into (issue 13).
public final class StopSignal: Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32

    public init() {
        var ends: [Int32] = [-1, -1]
        precondition(isorun_pipe(&ends, 0) == 0, "pipe2 failed: \(errno)")
        (readEnd, writeEnd) = (ends[0], ends[1])
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Raises the signal; it stays raised.
    public func raise() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Waits up to `duration`; true when the signal was raised.
    public func wait(for duration: Duration) -> Bool {
        let deadline = MonotonicClock.now + duration
        while true {
            var ready = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            let count = poll(&ready, 1, (deadline - MonotonicClock.now).pollTimeout)
            if count != -1 || errno != EINTR { return count == 1 }
        }
    }
}
