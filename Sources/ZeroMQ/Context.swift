import CZeroMQ

/// A ZeroMQ context: the I/O threads and the `inproc` namespace that sockets share.
///
/// Create one per process (or per independent subsystem) and create every
/// ``Socket`` from it. Each socket keeps its context alive, so the context is
/// terminated, once, when the last socket and the last other reference are
/// gone. Termination waits for at most each closed socket's linger, which
/// ``Socket`` keeps finite.
///
/// To make sockets blocked on other threads give up, call ``shutdown()``:
/// their blocking calls then throw ``ZMQError/contextTerminated``.
///
/// The corresponding C functions are `zmq_ctx_new` and `zmq_ctx_term`.
public final class Context: @unchecked Sendable {
    // @unchecked Sendable: libzmq documents contexts as thread safe, and the
    // handle is immutable and terminated only in deinit, when no other
    // reference to this object (and so no socket) remains.
    let handle: ZMQHandle

    /// Creates a context.
    ///
    /// - Parameter ioThreads: The number of background I/O threads; one is
    ///   plenty for anything short of gigabytes a second. Zero is allowed for
    ///   contexts that use only `inproc`.
    /// - Throws: ``ZMQError`` if libzmq cannot create the context (too many
    ///   open files, for example) or rejects `ioThreads`.
    ///
    /// The corresponding C functions are `zmq_ctx_new` and `zmq_ctx_set(ZMQ_IO_THREADS)`.
    public init(ioThreads: Int = 1) throws(ZMQError) {
        precondition(ioThreads >= 0 && ioThreads <= Int(Int32.max), "ioThreads must be 0 or more; got \(ioThreads)")
        let handle = try LibZMQ.contextNew()
        do {
            try LibZMQ.contextSet(handle, ZMQ_IO_THREADS, name: "ZMQ_IO_THREADS", Int32(ioThreads))
        } catch {
            try? LibZMQ.contextTerm(handle)
            throw error
        }
        self.handle = handle
    }

    /// The number of background I/O threads.
    ///
    /// The corresponding C function is `zmq_ctx_get(ZMQ_IO_THREADS)`.
    public var ioThreads: Int {
        get throws(ZMQError) {
            Int(try LibZMQ.contextGet(handle, ZMQ_IO_THREADS, name: "ZMQ_IO_THREADS"))
        }
    }

    /// Makes every blocking call on this context's sockets, now and later,
    /// throw ``ZMQError/contextTerminated``, and refuses new sockets.
    ///
    /// Use it to stop threads blocked in ``Socket/receive(flags:)`` or
    /// ``poll(_:timeout:)``; they should then close their sockets. Calling it
    /// more than once is harmless. The context itself is still terminated only
    /// when the last reference goes away.
    ///
    /// The corresponding C function is `zmq_ctx_shutdown`.
    public func shutdown() {
        do {
            try LibZMQ.contextShutdown(handle)
        } catch {
            preconditionFailure("zmq_ctx_shutdown failed on a live context: \(error)")
        }
    }

    deinit {
        // Fails only for an invalid handle, which this type never holds.
        try? LibZMQ.contextTerm(handle)
    }
}
