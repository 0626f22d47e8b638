/// A stream of messages through one PUSH and one PULL: the rate and how many arrived.
public struct PushPullFigure: Sendable, Hashable {
    /// Messages received per second, from the first message received to the last.
    public let messagesPerSecond: Double
    /// Messages the producer sent.
    public let sent: Int
    /// Messages the consumer received; equal to ``sent`` unless some were lost.
    public let received: Int

    /// Creates a figure.
    public init(messagesPerSecond: Double, sent: Int, received: Int) {
        self.messagesPerSecond = messagesPerSecond
        self.sent = sent
        self.received = received
    }

    /// Messages sent but never received.
    public var lost: Int { sent - received }
}
