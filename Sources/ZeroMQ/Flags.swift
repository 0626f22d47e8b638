import CZeroMQ

/// Flags for ``Socket/send(_:flags:)``.
///
/// The corresponding C constants are `ZMQ_DONTWAIT` and `ZMQ_SNDMORE`.
public struct SendFlags: OptionSet, Sendable, Hashable {
    /// The libzmq flag bits.
    public var rawValue: Int32

    /// Creates flags from libzmq flag bits.
    ///
    /// - Parameter rawValue: A combination of `ZMQ_*` flag constants.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Throw ``ZMQError/again`` instead of blocking when the message cannot be
    /// queued now (`ZMQ_DONTWAIT`).
    public static let dontWait = SendFlags(rawValue: ZMQ_DONTWAIT)

    /// More frames of the same message follow this one (`ZMQ_SNDMORE`).
    /// ``Socket/send(_:flags:)`` sets it itself on all frames but the last;
    /// pass it to leave the message open for a later send.
    public static let sendMore = SendFlags(rawValue: ZMQ_SNDMORE)
}

/// Flags for ``Socket/receive(flags:)``.
///
/// The corresponding C constant is `ZMQ_DONTWAIT`.
public struct ReceiveFlags: OptionSet, Sendable, Hashable {
    /// The libzmq flag bits.
    public var rawValue: Int32

    /// Creates flags from libzmq flag bits.
    ///
    /// - Parameter rawValue: A combination of `ZMQ_*` flag constants.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Throw ``ZMQError/again`` instead of blocking when no message is waiting
    /// (`ZMQ_DONTWAIT`).
    public static let dontWait = ReceiveFlags(rawValue: ZMQ_DONTWAIT)
}
