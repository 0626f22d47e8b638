import CZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An error reported by libzmq: the `errno` code, the operation that failed and,
/// for `bind`, `connect`, `unbind` and `disconnect`, the endpoint.
///
/// Two errors are equal when their codes are equal: the operation and endpoint
/// say where the error happened, not what it is. That lets callers branch on
/// the named codes directly. The calls in this module throw only `ZMQError`,
/// so a `do` block of them catches it by pattern; where other errors mix in,
/// cast first:
///
/// ```swift
/// do {
///     let message = try socket.receive()
/// } catch .again {
///     // The receive timeout expired.
/// }
///
/// do {
///     try handle(try socket.receive())
/// } catch let error as ZMQError where error == .contextTerminated {
///     // The context is shutting down.
/// }
/// ```
public struct ZMQError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The `errno` value libzmq reported.
    public var code: Int32

    /// The libzmq function that failed, such as `"zmq_bind"` or
    /// `"zmq_setsockopt(ZMQ_LINGER)"`; `nil` for the named constants.
    public var operation: String?

    /// The endpoint the operation was given, when it took one.
    public var endpoint: String?

    /// Creates an error from an `errno` code and where it happened.
    ///
    /// - Parameters:
    ///   - code: The `errno` value.
    ///   - operation: The libzmq function that failed.
    ///   - endpoint: The endpoint involved, if any.
    public init(code: Int32, operation: String? = nil, endpoint: String? = nil) {
        self.code = code
        self.operation = operation
        self.endpoint = endpoint
    }

    /// The message libzmq gives for ``code``.
    ///
    /// The corresponding C function is `zmq_strerror`.
    public var message: String { LibZMQ.errorMessage(code) }

    /// The operation, the endpoint, libzmq's message and the code, for example
    /// `zmq_bind("tcp://nowhere:1") failed: Invalid argument (errno 22)`.
    public var description: String {
        var text = operation ?? "ZeroMQ operation"
        if let endpoint { text += "(\"\(endpoint)\")" }
        return text + " failed: \(message) (errno \(code))"
    }

    /// Whether two errors have the same code, wherever they happened.
    public static func == (lhs: ZMQError, rhs: ZMQError) -> Bool { lhs.code == rhs.code }

    /// Hashes the code alone, consistently with ``==(_:_:)``.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

extension ZMQError {
    /// `EAGAIN`: a non-blocking call found nothing to do, or a send or receive
    /// timeout expired.
    public static let again = ZMQError(code: EAGAIN)

    /// `ETERM`: the socket's context was shut down or terminated.
    public static let contextTerminated = ZMQError(code: ETERM)

    /// `EINTR`: a signal interrupted the call. Calls in this module retry when
    /// interrupted, so they do not throw this; it is here for matching codes
    /// that come from elsewhere.
    public static let interrupted = ZMQError(code: EINTR)

    /// `EHOSTUNREACH`: a ROUTER socket with ``Socket/setRouterMandatory(_:)``
    /// was asked to send to a routing id no peer has.
    public static let hostUnreachable = ZMQError(code: EHOSTUNREACH)

    /// `EADDRINUSE`: another socket is already bound to the address.
    public static let addressInUse = ZMQError(code: EADDRINUSE)

    /// `EADDRNOTAVAIL`: the address is not local to this host.
    public static let addressNotAvailable = ZMQError(code: EADDRNOTAVAIL)

    /// `EINVAL`: an argument, such as an endpoint or option value, is invalid.
    public static let invalidArgument = ZMQError(code: EINVAL)

    /// `EPROTONOSUPPORT`: the endpoint's transport is not supported.
    public static let protocolNotSupported = ZMQError(code: EPROTONOSUPPORT)

    /// `ENOENT`: `unbind` or `disconnect` was given an endpoint the socket is
    /// not bound or connected to.
    public static let endpointNotFound = ZMQError(code: ENOENT)

    /// `ENOTSOCK`: the socket has been closed.
    public static let notSocket = ZMQError(code: ENOTSOCK)

    /// `EFSM`: the operation is not allowed in the socket's current state, such
    /// as a REQ socket sending twice without receiving a reply.
    public static let invalidState = ZMQError(code: EFSM)

    /// `EMSGSIZE`: the message is larger than the socket allows.
    public static let messageTooLarge = ZMQError(code: EMSGSIZE)

    /// `ENOTSUP`: the operation is not supported by this socket type or by this
    /// build of libzmq.
    public static let notSupported = ZMQError(code: ENOTSUP)
}
