import Logging
import ZeroMQ

/// The server side of CURVE for one ``Context``: the server's key pair, and a
/// ``ZAPHandler`` that admits only the client keys in the folder's
/// `authorized/`. Secure every server socket of the context with ``secure(_:)``
/// before binding it; keep this object until those sockets are closed (the
/// handler stops with it, and libzmq admits anyone when none answers).
public final class CurveServer {
    /// Where the keys came from.
    public let folder: KeyFolder
    private let keys: CurveKeyPair
    /// The admitted client keys, each with its file in `authorized/`.
    public let authorized: [String: String]
    /// The handler answering for the context.
    public let handler: ZAPHandler

    /// Reads the server pair and the admitted keys and starts the ZAP handler.
    ///
    /// - Throws: ``KeyError`` naming a key file that cannot be used;
    ///   `ZMQError` when another ZAP handler holds the context's.
    public init(folder: KeyFolder, context: Context, logger: Logger) throws {
        self.folder = folder
        keys = try folder.serverKeys()
        authorized = try folder.authorizedKeys()
        handler = try ZAPHandler(context: context, authorized: authorized, logger: logger)
    }

    /// Makes `socket` a CURVE server with this pair; call before binding.
    ///
    /// - Throws: `ZMQError` from the socket options.
    public func secure(_ socket: Socket) throws(ZMQError) {
        try socket.setCurveServer(true)
        try socket.setCurveSecretKey(keys.secretKey)
    }

    deinit {
        handler.stop()
    }
}
