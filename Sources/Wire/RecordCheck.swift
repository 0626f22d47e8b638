#if canImport(Glibc)
import Glibc
#endif
import TrialRecords

/// A record's JSON that passed ``RecordCheck``: what a collector stores, and
/// the little it needs to know of it (its outcome and key), without decoding
/// it into a value.
public struct CheckedRecord: Sendable {
    /// The record's JSON, as it came: a message's payload, or one line of a
    /// `records` message's, sharing its storage. Its indices are the
    /// payload's (they need not start at 0), and it keeps the whole payload
    /// alive: a collector writes it and lets it go.
    public let json: ArraySlice<UInt8>
    /// The record's outcome.
    public let outcome: Outcome
    /// Which attempt of which trial of which run the record is.
    public let key: RecordKey

    /// The record as one line of a JSONL file, without its newline: ``json``
    /// itself, or without its line breaks when it has any (JSON allows them
    /// only as white space between tokens, so dropping them keeps the value).
    public var line: ArraySlice<UInt8> {
        json.withUnsafeBufferPointer(Self.hasLineBreaks) ? Self.withoutLineBreaks(json)[...] : json
    }

    /// Drops the line breaks of `bytes` from `start` on, which JSON allows
    /// only as white space between tokens; a line without any is left as it is.
    static func removeLineBreaks(from bytes: inout [UInt8], after start: Int) {
        let breaks = bytes.withUnsafeBufferPointer { hasLineBreaks(UnsafeBufferPointer(rebasing: $0[start...])) }
        if breaks { bytes.replaceSubrange(start..., with: withoutLineBreaks(bytes[start...])) }
    }

    private static func withoutLineBreaks(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.filter { $0 != 0x0A && $0 != 0x0D }
    }

    private static func hasLineBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, 0x0A, bytes.count) != nil || memchr(base, 0x0D, bytes.count) != nil
    }
}

/// A record refused by ``RecordRules``: what was wrong, naming the key.
public struct RecordRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong and what is allowed.
    public var message: String

    package init(message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Checks a record's JSON against ``RecordRules`` in one pass over its bytes,
/// allocating nothing per field: a collector runs it instead of decoding a
/// record, and the coordinator decodes every record a worker sends in that
/// same pass (``decodeKeepingBytes(_:)``).
public enum RecordCheck {
    /// Checks that `json` is one flat JSON object with exactly the keys of a
    /// record, each once, each holding what its rule allows.
    ///
    /// ```swift
    /// let checked = try RecordCheck.check(payload)   // throws for a forged 1e308
    /// file.append(checked.line)
    /// ```
    ///
    /// - Throws: ``RecordRuleError`` naming the first key that breaks its rule,
    ///   a missing, unknown or repeated key, or bytes that are not such an object.
    public static func check(_ json: [UInt8]) throws(RecordRuleError) -> CheckedRecord {
        try check(json[...])
    }

    /// Checks `json` as ``check(_:)-([UInt8])`` does, without copying it: a
    /// line of a `records` message.
    ///
    /// - Parameters:
    ///   - json: the record's JSON.
    ///   - runID: a run id to reuse, such as the record before's: when this
    ///     record's has the same bytes, its key shares that string rather
    ///     than making another (a `records` message is usually one run's).
    /// - Throws: ``RecordRuleError`` as ``check(_:)-([UInt8])`` does.
    public static func check(_ json: ArraySlice<UInt8>, reusingRunID runID: String? = nil) throws(RecordRuleError) -> CheckedRecord {
        let (outcome, key) = try json.withUnsafeBufferPointer { bytes throws(RecordRuleError) in
            try scan(ByteScanner(bytes), decoding: nil, runIDBefore: runID)
        }
        return CheckedRecord(json: json, outcome: outcome, key: key)
    }

    /// Checks `json` as ``check(_:)`` does and decodes it in the same pass: a
    /// record message read by `WireMessage(frames:)`.
    ///
    /// - Throws: ``RecordRuleError`` as ``check(_:)`` does.
    public static func decode(_ json: [UInt8]) throws(RecordRuleError) -> TrialRecord {
        var record = TrialRecord.blank
        _ = try withUnsafeMutablePointer(to: &record) { decoded throws(RecordRuleError) in
            try json.withUnsafeBufferPointer { bytes throws(RecordRuleError) in
                try scan(ByteScanner(bytes), decoding: decoded)
            }
        }
        return record
    }

    /// Decodes `json` as ``decode(_:)`` does, and keeps it with where the values
    /// of ``SentRecord/completedKeys`` lie in it: what the coordinator does with
    /// every record a worker sends, on the way from that record to the worker's
    /// next task, so as to write those bytes later (``SentRecord/line(for:)``).
    ///
    /// - Throws: ``RecordRuleError`` as ``check(_:)`` does.
    public static func decodeKeepingBytes(_ json: [UInt8]) throws(RecordRuleError) -> SentRecord {
        var record = TrialRecord.blank
        return try withUnsafeMutablePointer(to: &record) { decoded throws(RecordRuleError) in
            // On the stack: a record has every key, so the scan sets each one.
            try withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: SentRecord.completedKeys.count) {
                values throws(RecordRuleError) in
                _ = try json.withUnsafeBufferPointer { bytes throws(RecordRuleError) in
                    try scan(ByteScanner(bytes), decoding: decoded, values: values)
                }
                return SentRecord(record: decoded.pointee, json: json, values: UnsafeBufferPointer(values))
            }
        }
    }

    private static let notAnObject = RecordRuleError(
        message: "not a record: expected one JSON object of strings, numbers and nulls, in UTF-8")

    /// Checks every field, and sets it in `record` when there is one; the
    /// rules list the record's fields in its order (a test holds them to it).
    /// The key it returns is the record's only when it has no `record` to set.
    ///
    /// - Parameters:
    ///   - values: when given, where each value of ``SentRecord/completedKeys`` lies.
    ///   - runIDBefore: a run id the key takes rather than a new string of the same bytes.
    /// - Returns: the record's outcome and key.
    private static func scan(
        _ scanner: consuming ByteScanner, decoding record: UnsafeMutablePointer<TrialRecord>?,
        values: UnsafeMutableBufferPointer<Range<Int>>? = nil, runIDBefore: String? = nil
    ) throws(RecordRuleError) -> (outcome: Outcome, key: RecordKey) {
        var scanner = scanner
        // Read once here: every use of a static costs a `swift_once` call, 27 fields over.
        let table = table
        let (entries, members) = (table.entries, table.members)
        let recordFields = TrialRecord.fields
        var seen: UInt64 = 0
        var next = 0
        var outcome: Outcome?
        var recordKey = RecordKey(runID: "", strategy: .clear, repeat: 0, trial: 0, attempt: 0)
        guard scanner.take(UInt8(ascii: "{")) else { throw notAnObject }
        if !scanner.take(UInt8(ascii: "}")) {
            repeat {
                let field: Int
                if next < entries.count, scanner.take(UnsafeBufferPointer(rebasing: members[entries[next].member])) {
                    field = next
                } else {
                    guard let key = scanner.text(), scanner.take(UInt8(ascii: ":")) else { throw notAnObject }
                    field = try table.index(of: key, expected: next, in: scanner.bytes)
                }
                guard seen & (1 << field) == 0 else {
                    throw RecordRuleError(message: "key '\(table.fields[field].key)' appears twice")
                }
                // The value's first byte, where a completed value is to be written.
                if values != nil { scanner.skipSpace() }
                let valueStart = scanner.index
                guard let value = scanner.value() else { throw notAnObject }
                if let values, entries[field].completedSlot >= 0 {
                    values[entries[field].completedSlot] = valueStart..<scanner.index
                }
                let word = try table.check(value, field: field, in: scanner.bytes)
                if field == table.outcome { outcome = word.map { Outcome.allCases[$0] } }
                if let record {
                    guard recordFields[field].assign(&record.pointee, FlatJSONObject.Value(value, in: scanner)) else {
                        throw RecordRuleError(message: "'\(table.fields[field].key)': expected \(recordFields[field].expected)")
                    }
                } else {
                    // Only a check returns the key (a decoded record holds it): no string made twice.
                    switch (field, value) {
                    case (table.runID, .text(let text)):
                        // Checked above (16 hex digits, no escapes): its bytes are its string's.
                        if var before = runIDBefore, before.withUTF8({ equal(scanner.bytes[text.range], $0) }) {
                            recordKey.runID = before
                        } else {
                            recordKey.runID = scanner.string(text)
                        }
                    case (table.strategy, .text(let text)): recordKey.strategy = Strategy(rawValue: scanner.string(text))
                    case (table.repeat, .number(let number)): recordKey.repeat = Int(number)
                    case (table.trial, .number(let number)): recordKey.trial = Int(number)
                    case (table.attempt, .number(let number)): recordKey.attempt = Int(number)
                    default: break
                    }
                }
                seen |= 1 << field
                next = field + 1
            } while scanner.take(UInt8(ascii: ","))
            guard scanner.take(UInt8(ascii: "}")) else { throw notAnObject }
        }
        scanner.skipSpace()
        guard scanner.atEnd else { throw notAnObject }
        if let missing = table.fields.indices.first(where: { seen & (1 << $0) == 0 }) {
            throw RecordRuleError(message: "missing key '\(table.fields[missing].key)'")
        }
        return (outcome!, recordKey)
    }

    static let table = RecordCheck.Table()

    /// Whether `text` holds exactly `expected`.
    static func equal(_ text: Slice<UnsafeBufferPointer<UInt8>>, _ expected: [UInt8]) -> Bool {
        expected.withUnsafeBufferPointer { equal(text, $0) }
    }

    /// Whether `text` holds exactly `expected`.
    static func equal(_ text: Slice<UnsafeBufferPointer<UInt8>>, _ expected: UnsafeBufferPointer<UInt8>) -> Bool {
        text.count == expected.count
            && (expected.isEmpty || memcmp(text.base.baseAddress! + text.startIndex, expected.baseAddress!, expected.count) == 0)
    }

    static func isInteger(_ number: Double, in range: ClosedRange<Double>) -> Bool {
        range.contains(number) && number == number.rounded(.towardZero)
    }

    static func isLowercaseHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    /// Whether `text` has the shape `2026-12-03T12:00:00.123456Z`.
    static func isTimestamp(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let shape: StaticString = "dddd-dd-ddTdd:dd:dd.ddddddZ"
        guard text.count == shape.utf8CodeUnitCount else { return false }
        for (offset, byte) in text.enumerated() {
            let expected = shape.utf8Start[offset]
            let fits = expected == UInt8(ascii: "d") ? byte &- UInt8(ascii: "0") < 10 : byte == expected
            if !fits { return false }
        }
        return true
    }
}
