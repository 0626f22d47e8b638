#if canImport(Glibc)
import Glibc
#endif

extension WireMessage {
    /// The frames of a `records` message: several records already encoded as
    /// JSON, one per line, in one payload. A run sends them so to a collector
    /// whose acknowledgements allow it (``Ack/recordsPerMessage``): the
    /// collector's cost of a message is then shared by every record in it.
    ///
    /// - Parameter lines: the records' JSON, each without a line break (as
    ///   written to the run's file).
    public static func recordsFrames(lines: some Collection<[UInt8]>) -> [[UInt8]] {
        var payload: [UInt8] = []
        payload.reserveCapacity(lines.reduce(lines.count) { $0 + $1.count })
        for line in lines {
            if !payload.isEmpty { payload.append(0x0A) }
            payload += line
        }
        return [versionBytes, recordsKind, payload]
    }

    /// For a collector: the records a `records` message carries, each checked
    /// on its own (``RecordCheck``): one that breaks ``RecordRules`` is a
    /// failure beside the others, which stand. Nil when the message is not a
    /// `records` message.
    ///
    /// - Parameter limit: the most records the collector takes in one message.
    /// - Throws: ``ProtocolError`` for a message of more than `limit` records,
    ///   which is refused whole (and read no further).
    public static func checkedRecords(
        frames: [[UInt8]], limit: Int
    ) throws(ProtocolError) -> [Result<CheckedRecord, RecordRuleError>]? {
        guard frames.count == 3, frames[0] == versionBytes, frames[1] == recordsKind else { return nil }
        guard let lines = lineRanges(of: frames[2], atMost: limit) else {
            throw ProtocolError(message: "a records message of more than \(limit) records; at most \(limit) are taken in one")
        }
        var runID: String?
        return lines.map { line in
            Result { () throws(RecordRuleError) in
                let checked = try RecordCheck.check(frames[2][line], reusingRunID: runID)
                runID = checked.key.runID
                return checked
            }
        }
    }

    /// Where the lines of `payload` lie, empty ones left out, found with
    /// `memchr` (a collector's profile showed it several times faster than
    /// the standard library's generic `split`); nil past `limit` lines.
    private static func lineRanges(of payload: [UInt8], atMost limit: Int) -> [Range<Int>]? {
        payload.withUnsafeBufferPointer { bytes -> [Range<Int>]? in
            guard let base = bytes.baseAddress else { return [] }
            var ranges: [Range<Int>] = []
            var start = 0
            while start < bytes.count {
                var end = bytes.count
                if let found = memchr(base + start, 0x0A, bytes.count - start) {
                    end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                }
                if end > start {
                    guard ranges.count < limit else { return nil }
                    ranges.append(start..<end)
                }
                start = end + 1
            }
            return ranges
        }
    }

    private static let recordsKind = Array("records".utf8)
}
