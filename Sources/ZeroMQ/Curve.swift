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

    /// The public key that belongs to a secret key, to check that two keys
    /// read from files make a pair.
    ///
    /// - Parameter secretKey: A 40-character Z85 secret key.
    /// - Returns: Its 40-character Z85 public key, or nil if `secretKey` is not a key.
    ///
    /// The corresponding C function is `zmq_curve_public`.
    public static func publicKey(forSecretKey secretKey: String) -> String? {
        LibZMQ.curvePublicKey(secretKey: secretKey)
    }

    /// The public key, with the secret key redacted.
    public var description: String { "CurveKeyPair(publicKey: \(publicKey), secretKey: <redacted>)" }
}

/// ZeroMQ's Z85 encoding (RFC 32), in which CURVE keys are written as text.
public enum Z85 {
    /// `bytes` as Z85 text, 5 characters for every 4 bytes.
    ///
    /// - Returns: The text, or nil when `bytes.count` is not a multiple of 4.
    ///
    /// The corresponding C function is `zmq_z85_encode`.
    public static func encode(_ bytes: [UInt8]) -> String? {
        LibZMQ.z85Encode(bytes)
    }

    /// The bytes of Z85 `text`, 4 for every 5 characters.
    ///
    /// - Returns: The bytes, or nil when `text` is not Z85 (a length not a
    ///   multiple of 5, or a character outside Z85's alphabet).
    ///
    /// The corresponding C function is `zmq_z85_decode`.
    public static func decode(_ text: String) -> [UInt8]? {
        LibZMQ.z85Decode(text)
    }
}
