#if canImport(Glibc)
import Glibc
#endif

/// A reference each thread sees on its own, set for the length of a call and
/// restored after it: the thread-local stacks TF1 keeps its default graph and
/// default session in, where `with graph.as_default():` on one thread leaves
/// every other thread's default alone.
///
/// A POSIX thread-specific key rather than a `@TaskLocal`: scopes are entered
/// by synchronous code only, which cannot suspend, so the two agree; but a
/// task-local links Swift Concurrency, and libdispatch with it, into every
/// program that links the engine, the `process` trial among them, which then
/// relocates and faults in their tables at each start (issue 13). Unlike a
/// task-local, a `Task` started inside a scope does not inherit its value,
/// as a thread started inside TF1's does not.
final class ThreadScoped<Value: AnyObject>: Sendable {
    private let key: pthread_key_t

    init() {
        var key = pthread_key_t()
        let status = pthread_key_create(&key, nil)
        precondition(status == 0, "pthread_key_create failed with \(status)")
        self.key = key
    }

    /// What the calling thread's innermost ``withValue(_:_:)`` set, if any.
    var value: Value? {
        pthread_getspecific(key).map { Unmanaged<Value>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Runs `body` with `value` as the calling thread's, then restores the one before.
    func withValue<Result>(_ value: Value, _ body: () throws -> Result) rethrows -> Result {
        let previous = pthread_getspecific(key)
        let held = Unmanaged.passRetained(value)
        pthread_setspecific(key, held.toOpaque())
        defer {
            pthread_setspecific(key, previous)
            held.release()
        }
        return try body()
    }
}
