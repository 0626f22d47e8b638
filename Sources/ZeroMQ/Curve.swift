/// A CURVE key pair, as 40-character Z85 strings, for encrypting and
/// authenticating connections with ``Socket/setCurveServer(_:)`` and friends.
///
/// The description shows only the public key, so logging a pair does not leak
/// the secret.
public struct CurveKeyPair: Sendable, Hashable, CustomStringConvertible {
    /// The public key, to give to peers.
    public var publicKey: String

    /// The secret key, to keep.
    public var secretKey: String

    /// Creates a key pair from existing Z85 keys.
    ///
    /// - Parameters:
    ///   - publicKey: The 40-character Z85 public key.
    ///   - secretKey: The 40-character Z85 secret key.
    public init(publicKey: String, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// Whether the linked libzmq was built with CURVE support.
    ///
    /// The corresponding C function is `zmq_has("curve")`.
    public static var isSupported: Bool { LibZMQ.has("curve") }

    /// Generates a new random key pair.
    ///
    /// - Throws: ``ZMQError/notSupported`` if libzmq lacks CURVE.
    ///
    /// The corresponding C function is `zmq_curve_keypair`.
    public static func generate() throws(ZMQError) -> CurveKeyPair {
        let keys = try LibZMQ.curveKeyPair()
        return CurveKeyPair(publicKey: keys.publicKey, secretKey: keys.secretKey)
    }

    /// The public key, with the secret key redacted.
    public var description: String { "CurveKeyPair(publicKey: \(publicKey), secretKey: <redacted>)" }
}
