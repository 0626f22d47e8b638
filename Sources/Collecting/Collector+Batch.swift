import TrialRecords
import Wire

extension Collector {
    /// What one batch of messages comes to: the bytes to write, the records
    /// they hold, and the acknowledgements owed, one per sender and run.
    struct Batch {
        var messages = 0
        var bytes: [UInt8] = []
        var records: [CheckedRecord] = []
        private(set) var replies: [(sender: [UInt8], ack: WireMessage.Ack)] = []

        /// Owes `sender` an acknowledgement of `key`, joined to the one owed for its run.
        mutating func acknowledge(_ key: RecordKey, to sender: [UInt8]) {
            if let index = replies.lastIndex(where: {
                $0.sender == sender && $0.ack.runID == key.runID && !$0.ack.ended
            }) {
                replies[index].ack.records.append(key)
            } else {
                replies.append((sender, WireMessage.Ack(runID: key.runID, records: [key])))
            }
        }

        /// Owes `sender` a reply of its own (to `open` or `end`).
        mutating func reply(_ ack: WireMessage.Ack, to sender: [UInt8]) {
            replies.append((sender, ack))
        }
    }
}
