#if canImport(Glibc)
import Glibc
#endif

/// A plain POSIX thread for blocking work (a `zmq_poll` loop, heartbeats) that
/// must stay off Swift's cooperative pool.
public final class OSThread: Sendable {
    // Written once in init, read only by `join()`; `pthread_t` is an integer on Linux.
    private nonisolated(unsafe) var handle = pthread_t()

    /// Starts `body` on a new thread; what it captures is handed over to it.
    public init(_ body: sending @escaping () -> Void) {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        let status = pthread_create(&handle, nil, { argument in
            let body = Unmanaged<Body>.fromOpaque(argument!).takeRetainedValue()
            body.run()
            return nil
        }, box)
        precondition(status == 0, "pthread_create failed with \(status)")
    }

    /// Blocks the calling thread for `duration`, or until a signal handler runs.
    public static func sleep(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        nanosleep(&request, nil)
    }

    /// Waits for the thread to finish; call exactly once.
    public func join() {
        pthread_join(handle, nil)
    }

    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }
}
