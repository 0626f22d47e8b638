import TrialRecords

/// The records a run sent its collector and the collector has not acknowledged
/// yet, oldest send first, with the bytes to send them again.
///
/// Pure bookkeeping, no socket and no clock of its own: ``CollectorLink`` tells
/// it what was sent when and what came back acknowledged. The bytes kept are
/// bounded by ``byteLimit``; a record past it is not kept (``add(_:bytes:at:)``
/// returns false) and only the run's own file has it.
public struct OutstandingRecords: Sendable {
    public typealias Instant = ContinuousClock.Instant

    private struct Entry: Sendable {
        var bytes: [UInt8]
        var sentAt: Instant
    }

    private var entries: [RecordKey: Entry] = [:]
    /// Keys by time of last send, oldest first; the first `head` are spent.
    /// Acknowledged keys stay here until they reach the front.
    private var order: [RecordKey] = []
    private var head = 0

    /// Most bytes of records kept.
    public let byteLimit: Int
    /// Bytes of the records kept now.
    public private(set) var keptBytes = 0

    /// - Parameter byteLimit: most bytes of records to keep for a resend.
    public init(byteLimit: Int) {
        precondition(byteLimit > 0, "byteLimit must be positive, got \(byteLimit)")
        self.byteLimit = byteLimit
    }

    /// Records kept and not acknowledged.
    public var count: Int { entries.count }

    public var isEmpty: Bool { entries.isEmpty }

    /// Keeps a record just sent (or just tried) at `sentAt`.
    ///
    /// - Returns: false when keeping it would pass ``byteLimit``: it is not kept.
    public mutating func add(_ key: RecordKey, bytes: [UInt8], at sentAt: Instant) -> Bool {
        precondition(entries[key] == nil, "\(key) was added twice")
        guard keptBytes + bytes.count <= byteLimit else { return false }
        entries[key] = Entry(bytes: bytes, sentAt: sentAt)
        order.append(key)
        keptBytes += bytes.count
        return true
    }

    /// Forgets the acknowledged records.
    ///
    /// - Returns: how many of `keys` were kept (an acknowledgement of a
    ///   duplicate, or of a record not kept, counts nothing).
    public mutating func acknowledge(_ keys: some Sequence<RecordKey>) -> Int {
        var forgotten = 0
        for key in keys {
            guard let entry = entries.removeValue(forKey: key) else { continue }
            keptBytes -= entry.bytes.count
            forgotten += 1
        }
        dropAcknowledgedFront()
        return forgotten
    }

    /// The oldest record whose last send was `resendAfter` or longer before
    /// `now`, with its bytes; nil when none is.
    public mutating func nextDue(at now: Instant, resendAfter: Duration) -> (key: RecordKey, bytes: [UInt8])? {
        guard head < order.count, let entry = entries[order[head]], now - entry.sentAt >= resendAfter else { return nil }
        return (order[head], entry.bytes)
    }

    /// Notes that the record ``nextDue(at:resendAfter:)`` gave was sent again at `now`.
    public mutating func resent(_ key: RecordKey, at now: Instant) {
        precondition(head < order.count && order[head] == key, "\(key) is not the record due first")
        entries[key]?.sentAt = now
        head += 1
        order.append(key)
        dropAcknowledgedFront()
    }

    /// The time of the oldest send not acknowledged, nil when all are.
    public var oldestSend: Instant? {
        head < order.count ? entries[order[head]]?.sentAt : nil
    }

    /// Keeps the front of ``order`` a record not acknowledged, and the spent
    /// part small: the order holds the records kept and, behind the oldest
    /// of them, the acknowledged ones not yet skipped.
    private mutating func dropAcknowledgedFront() {
        while head < order.count, entries[order[head]] == nil { head += 1 }
        if head == order.count {
            order.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024, head * 2 >= order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}
