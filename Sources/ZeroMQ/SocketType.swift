import CZeroMQ

/// The kind of a ZeroMQ socket, which fixes its messaging pattern.
///
/// The corresponding C constants are `ZMQ_PAIR`, `ZMQ_PUB` and so on, passed to `zmq_socket`.
public enum SocketType: Sendable, Hashable, CaseIterable {
    /// One exclusive peer, both directions.
    case pair
    /// Publishes to every subscriber; never receives.
    case pub
    /// Receives what publishers send on the topics it subscribes to.
    case sub
    /// Sends a request, then must receive a reply.
    case req
    /// Receives a request, then must send a reply.
    case rep
    /// Sends round-robin and receives fair-queued, with no envelope.
    case dealer
    /// Prefixes each received message with the sender's routing id and sends
    /// to the peer named by the first frame.
    case router
    /// Receives fair-queued from pushers.
    case pull
    /// Sends round-robin to pullers.
    case push
    /// A publisher that also receives subscription messages.
    case xpub
    /// A subscriber that subscribes by sending subscription messages.
    case xsub

    /// The libzmq constant for this type.
    var rawValue: Int32 {
        switch self {
        case .pair: ZMQ_PAIR
        case .pub: ZMQ_PUB
        case .sub: ZMQ_SUB
        case .req: ZMQ_REQ
        case .rep: ZMQ_REP
        case .dealer: ZMQ_DEALER
        case .router: ZMQ_ROUTER
        case .pull: ZMQ_PULL
        case .push: ZMQ_PUSH
        case .xpub: ZMQ_XPUB
        case .xsub: ZMQ_XSUB
        }
    }
}
