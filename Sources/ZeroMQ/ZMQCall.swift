import CZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A raw libzmq context or socket handle (`void *` in C).
package typealias ZMQHandle = UnsafeMutableRawPointer

/// Runs a libzmq call until it is not interrupted by a signal, and throws
/// its failure as a ``ZMQError``.
///
/// Every fallible `zmq_*` call in this module goes through here, by way of
/// ``zmqCall(_:endpoint:_:)`` or ``zmqHandleCall(_:_:)``. A call interrupted
/// by a signal (`EINTR`) is simply made again; any other failure is thrown,
/// naming the operation and, when there is one, the endpoint.
///
/// A retried call starts afresh: a blocking receive or a poll interrupted by a
/// signal waits its whole timeout again.
///
/// - Parameters:
///   - operation: The C function, for the error.
///   - endpoint: The endpoint the call was given, if any, for the error.
///   - failed: Whether a result means failure, with the code in `zmq_errno()`.
///   - call: The libzmq call.
func retryingOnInterrupt<Result>(
    _ operation: String,
    endpoint: String?,
    failed: (Result) -> Bool,
    _ call: () -> Result
) throws(ZMQError) -> Result {
    while true {
        let result = call()
        if !failed(result) { return result }
        let code = zmq_errno()
        if code != EINTR {
            throw ZMQError(code: code, operation: operation, endpoint: endpoint)
        }
    }
}

/// Runs a libzmq call that fails by returning -1; see ``retryingOnInterrupt(_:endpoint:failed:_:)``.
@discardableResult
func zmqCall(_ operation: String, endpoint: String? = nil, _ call: () -> Int32) throws(ZMQError) -> Int32 {
    try retryingOnInterrupt(operation, endpoint: endpoint, failed: { $0 == -1 }, call)
}

/// Runs a libzmq call that fails by returning `NULL`; see ``retryingOnInterrupt(_:endpoint:failed:_:)``.
func zmqHandleCall(_ operation: String, _ call: () -> ZMQHandle?) throws(ZMQError) -> ZMQHandle {
    // The force unwrap is safe: `failed` rejects nil.
    try retryingOnInterrupt(operation, endpoint: nil, failed: { $0 == nil }, call)!
}

/// The libzmq functions this module uses, each behind ``zmqCall(_:endpoint:_:)``.
///
/// The public types call these rather than libzmq itself, so that error
/// handling and retrying live in one place, as `Syscalls.swift` does in
/// apple/swift-system.
package enum LibZMQ {
    // MARK: Contexts

    static func contextNew() throws(ZMQError) -> ZMQHandle {
        try zmqHandleCall("zmq_ctx_new") { zmq_ctx_new() }
    }

    static func contextSet(_ context: ZMQHandle, _ option: Int32, name: String, _ value: Int32) throws(ZMQError) {
        try zmqCall("zmq_ctx_set(\(name))") { zmq_ctx_set(context, option, value) }
    }

    static func contextGet(_ context: ZMQHandle, _ option: Int32, name: String) throws(ZMQError) -> Int32 {
        try zmqCall("zmq_ctx_get(\(name))") { zmq_ctx_get(context, option) }
    }

    static func contextShutdown(_ context: ZMQHandle) throws(ZMQError) {
        try zmqCall("zmq_ctx_shutdown") { zmq_ctx_shutdown(context) }
    }

    static func contextTerm(_ context: ZMQHandle) throws(ZMQError) {
        try zmqCall("zmq_ctx_term") { zmq_ctx_term(context) }
    }

    // MARK: Sockets

    static func socket(_ context: ZMQHandle, type: Int32) throws(ZMQError) -> ZMQHandle {
        try zmqHandleCall("zmq_socket") { zmq_socket(context, type) }
    }

    static func close(_ socket: ZMQHandle) throws(ZMQError) {
        try zmqCall("zmq_close") { zmq_close(socket) }
    }

    static func bind(_ socket: ZMQHandle, _ endpoint: String) throws(ZMQError) {
        try zmqCall("zmq_bind", endpoint: endpoint) { zmq_bind(socket, endpoint) }
    }

    static func connect(_ socket: ZMQHandle, _ endpoint: String) throws(ZMQError) {
        try zmqCall("zmq_connect", endpoint: endpoint) { zmq_connect(socket, endpoint) }
    }

    static func unbind(_ socket: ZMQHandle, _ endpoint: String) throws(ZMQError) {
        try zmqCall("zmq_unbind", endpoint: endpoint) { zmq_unbind(socket, endpoint) }
    }

    static func disconnect(_ socket: ZMQHandle, _ endpoint: String) throws(ZMQError) {
        try zmqCall("zmq_disconnect", endpoint: endpoint) { zmq_disconnect(socket, endpoint) }
    }

    // MARK: Options

    /// Sets a socket option from the raw bytes of `value`.
    static func setOption(
        _ socket: ZMQHandle, _ option: Int32, name: String, _ value: UnsafeRawBufferPointer
    ) throws(ZMQError) {
        try zmqCall("zmq_setsockopt(\(name))") {
            zmq_setsockopt(socket, option, value.baseAddress, value.count)
        }
    }

    /// Sets a socket option from a byte array.
    static func setOption(_ socket: ZMQHandle, _ option: Int32, name: String, _ value: [UInt8]) throws(ZMQError) {
        try zmqCall("zmq_setsockopt(\(name))") {
            value.withUnsafeBytes { zmq_setsockopt(socket, option, $0.baseAddress, $0.count) }
        }
    }

    /// Reads a socket option of at most `capacity` bytes.
    static func getOption(_ socket: ZMQHandle, _ option: Int32, name: String, capacity: Int) throws(ZMQError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: capacity)
        var size = capacity
        try zmqCall("zmq_getsockopt(\(name))") {
            buffer.withUnsafeMutableBytes { zmq_getsockopt(socket, option, $0.baseAddress, &size) }
        }
        return Array(buffer.prefix(size))
    }

    /// Reads a socket option into `buffer` and returns how many bytes libzmq wrote.
    static func getOption(
        _ socket: ZMQHandle, _ option: Int32, name: String, into buffer: UnsafeMutableRawBufferPointer
    ) throws(ZMQError) -> Int {
        var size = buffer.count
        try zmqCall("zmq_getsockopt(\(name))") {
            zmq_getsockopt(socket, option, buffer.baseAddress, &size)
        }
        return size
    }

    // MARK: Messages

    /// Sends one frame; libzmq copies the bytes before returning.
    static func send(_ socket: ZMQHandle, _ frame: [UInt8], flags: Int32) throws(ZMQError) {
        try zmqCall("zmq_send") {
            frame.withUnsafeBytes { zmq_send(socket, $0.baseAddress, $0.count, flags) }
        }
    }

    /// Receives one frame through a `zmq_msg_t` and reports whether more frames
    /// follow and, when `property` is given, that metadata property of the
    /// frame's connection (`zmq_msg_gets`; nil when the connection has none).
    /// With `keep` false the frame's bytes are not copied out.
    static func receiveFrame(
        _ socket: ZMQHandle, flags: Int32, property: String? = nil, keep: Bool = true
    ) throws(ZMQError) -> (frame: [UInt8], more: Bool, property: String?) {
        // On the stack, not the heap: a message of four frames made four allocations here.
        var storage = zmq_msg_t()
        return try withUnsafeMutablePointer(to: &storage) { message throws(ZMQError) in
            try zmqCall("zmq_msg_init") { zmq_msg_init(message) }
            defer { zmq_msg_close(message) }
            try zmqCall("zmq_msg_recv") { zmq_msg_recv(message, socket, flags) }
            let size = keep ? zmq_msg_size(message) : 0
            let frame = [UInt8](UnsafeRawBufferPointer(start: zmq_msg_data(message), count: size))
            let value = property.flatMap { name in zmq_msg_gets(message, name).map { String(cString: $0) } }
            return (frame, zmq_msg_more(message) != 0, value)
        }
    }

    // MARK: Polling

    /// Polls `items` for up to `timeoutMilliseconds` (-1 waits forever) and returns
    /// how many items have events; each item's `revents` is filled in.
    static func poll(_ items: inout [zmq_pollitem_t], timeoutMilliseconds: Int) throws(ZMQError) -> Int {
        let count = Int32(items.count)
        return Int(try zmqCall("zmq_poll") {
            items.withUnsafeMutableBufferPointer { zmq_poll($0.baseAddress, count, timeoutMilliseconds) }
        })
    }

    // MARK: Monitoring

    /// Starts (`address` non-nil) or stops (`address` nil) reporting `events`
    /// of `socket` on a PAIR socket bound to the inproc `address`.
    package static func socketMonitor(_ socket: ZMQHandle, address: String?, events: Int32) throws(ZMQError) {
        try zmqCall("zmq_socket_monitor", endpoint: address) { zmq_socket_monitor(socket, address, events) }
    }

    // MARK: Security and diagnostics

    /// Generates a CURVE key pair as two 40-character Z85 strings.
    static func curveKeyPair() throws(ZMQError) -> (publicKey: String, secretKey: String) {
        var publicKey = [CChar](repeating: 0, count: 41)
        var secretKey = [CChar](repeating: 0, count: 41)
        try zmqCall("zmq_curve_keypair") { zmq_curve_keypair(&publicKey, &secretKey) }
        return (string(fromNulTerminated: publicKey), string(fromNulTerminated: secretKey))
    }

    /// The Z85 public key of the Z85 secret key `secretKey`, or nil if it is not a key.
    static func curvePublicKey(secretKey: String) -> String? {
        var publicKey = [CChar](repeating: 0, count: 41)
        guard secretKey.utf8.count == 40, zmq_curve_public(&publicKey, secretKey) == 0 else { return nil }
        return string(fromNulTerminated: publicKey)
    }

    /// `bytes` (a multiple of 4 long) as Z85 text.
    static func z85Encode(_ bytes: [UInt8]) -> String? {
        var text = [CChar](repeating: 0, count: bytes.count * 5 / 4 + 1)
        guard bytes.count % 4 == 0, zmq_z85_encode(&text, bytes, bytes.count) != nil else { return nil }
        return string(fromNulTerminated: text)
    }

    /// The bytes of Z85 `text` (a multiple of 5 long), or nil if it is not Z85.
    static func z85Decode(_ text: String) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: text.utf8.count * 4 / 5)
        guard text.utf8.count % 5 == 0, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
              zmq_z85_decode(&bytes, text) != nil else { return nil }
        return bytes
    }

    /// The version of the libzmq library linked at run time.
    static func version() -> (major: Int, minor: Int, patch: Int) {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return (Int(major), Int(minor), Int(patch))
    }

    /// Whether libzmq was built with `capability` (such as "curve" or "ipc").
    static func has(_ capability: String) -> Bool {
        zmq_has(capability) != 0
    }

    /// The message libzmq gives for an error code.
    static func errorMessage(_ code: Int32) -> String {
        guard let message = zmq_strerror(code) else { return "Unknown error \(code)" }
        return String(cString: message)
    }

    /// Decodes a NUL-terminated C buffer as UTF-8.
    static func string(fromNulTerminated buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
