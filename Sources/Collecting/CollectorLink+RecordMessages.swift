import Security
import Wire

extension CollectorLink {
    /// Packs records into the messages a run sends its collector: one `record`
    /// message each, or, when the collector takes them, `records` messages of
    /// up to its ``recordsPerMessage`` records and ``payloadBytes`` bytes.
    package struct RecordMessages {
        /// The bytes of records a `records` message is filled to: half of what
        /// a collector takes in one message, whatever the records hold.
        package static let payloadBytes = SocketLimits.reportBytes / 2

        /// The most records in one message; 1 or less: `record` messages only.
        package let recordsPerMessage: Int
        private var lines: [[UInt8]] = []
        /// The payload's bytes so far: the lines and the line feeds between them.
        private var bytes = 0

        package init(recordsPerMessage: Int) {
            self.recordsPerMessage = recordsPerMessage
        }

        /// Adds a record (its JSON line) to the message being filled.
        ///
        /// - Returns: the frames of a message to send now: the record's own,
        ///   or the message it did not fit in, which it starts the next of.
        package mutating func add(_ line: [UInt8]) -> [[UInt8]]? {
            guard recordsPerMessage > 1 else { return WireMessage.recordFrames(json: line) }
            let full = !lines.isEmpty && (lines.count == recordsPerMessage || bytes + 1 + line.count > Self.payloadBytes)
            let completed = full ? flush() : nil
            bytes += (lines.isEmpty ? 0 : 1) + line.count
            lines.append(line)
            return completed
        }

        /// The frames of the message being filled, nil when it is empty; the
        /// next record starts another.
        package mutating func flush() -> [[UInt8]]? {
            guard !lines.isEmpty else { return nil }
            defer { (lines, bytes) = ([], 0) }
            return WireMessage.recordsFrames(lines: lines)
        }
    }
}
