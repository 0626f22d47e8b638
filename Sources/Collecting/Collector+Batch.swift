import TrialRecords
import Wire

extension Collector {
    /// What one batch of messages comes to: the bytes to write, the count of
    /// records they hold, and the acknowledgements owed, one per sender and run (more
    /// when one would pass ``ackBytes``).
    struct Batch {
        /// The most bytes of keys in one acknowledgement, far below what a run's
        /// socket takes (`SocketLimits.reportBytes`) whatever the strategy names.
        static let ackBytes = 64 << 10

        /// Messages handled, a `records` message counting as many as it has records.
        var handled = 0
        var bytes: [UInt8] = []
        var written = Written()
        private(set) var replies: [(sender: [UInt8], ack: WireMessage.Ack, size: Int)] = []

        /// Owes `sender` an acknowledgement of `key`, joined to the one owed for its run.
        mutating func acknowledge(_ key: RecordKey, to sender: [UInt8]) {
            // The key as written: its strings, escaped at most six bytes for one, and the rest.
            let size = 6 * (key.runID.utf8.count + key.strategy.rawValue.utf8.count) + 100
            if let index = replies.lastIndex(where: { $0.sender == sender && $0.ack.runID == key.runID && !$0.ack.ended }),
               replies[index].size + size <= Self.ackBytes {
                replies[index].ack.records.append(key)
                replies[index].size += size
            } else {
                replies.append((sender, WireMessage.Ack(runID: key.runID, records: [key]), size))
            }
        }

        /// Owes `sender` a reply of its own (to `open` or `end`).
        mutating func reply(_ ack: WireMessage.Ack, to sender: [UInt8]) {
            replies.append((sender, ack, 0))
        }
    }
}
