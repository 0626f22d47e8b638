#if canImport(Glibc)
import Glibc
#endif
import TrialRecords

/// A record's JSON that passed ``RecordCheck``: what a collector stores, and
/// the little it needs to know of it (its outcome and key), without decoding
/// it into a value.
public struct CheckedRecord: Sendable {
    /// The record's JSON, as it came.
    public let json: [UInt8]
    /// The record's outcome.
    public let outcome: Outcome
    /// Which attempt of which trial of which run the record is.
    public let key: RecordKey

    /// The record as one line of a JSONL file, without its newline: ``json``
    /// itself, or without its line breaks when it has any (JSON allows them
    /// only as white space between tokens, so dropping them keeps the value).
    public var line: [UInt8] {
        Self.removingLineBreaks(json)
    }

    /// `json` without its line breaks, which JSON allows only as white space
    /// between tokens: itself when it has none.
    static func removingLineBreaks(_ json: [UInt8]) -> [UInt8] {
        let breaks = json.withUnsafeBufferPointer { bytes in
            bytes.isEmpty ? false : memchr(bytes.baseAddress!, 0x0A, bytes.count) != nil
                || memchr(bytes.baseAddress!, 0x0D, bytes.count) != nil
        }
        return breaks ? json.filter { $0 != 0x0A && $0 != 0x0D } : json
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
        try json.withUnsafeBufferPointer { bytes throws(RecordRuleError) in
            try scan(ByteScanner(bytes), json: json, decoding: nil)
        }
    }

    /// Checks `json` as ``check(_:)`` does and decodes it in the same pass: a
    /// record message read by `WireMessage(frames:)`.
    ///
    /// - Throws: ``RecordRuleError`` as ``check(_:)`` does.
    public static func decode(_ json: [UInt8]) throws(RecordRuleError) -> TrialRecord {
        var record = TrialRecord.blank
        _ = try withUnsafeMutablePointer(to: &record) { decoded throws(RecordRuleError) in
            try json.withUnsafeBufferPointer { bytes throws(RecordRuleError) in
                try scan(ByteScanner(bytes), json: json, decoding: decoded)
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
                    try scan(ByteScanner(bytes), json: json, decoding: decoded, values: values)
                }
                return SentRecord(record: decoded.pointee, json: json, values: UnsafeBufferPointer(values))
            }
        }
    }

    private static let notAnObject = RecordRuleError(
        message: "not a record: expected one JSON object of strings, numbers and nulls, in UTF-8")

    /// Checks every field, and sets it in `record` when there is one; the
    /// rules list the record's fields in its order (a test holds them to it).
    ///
    /// - Parameter values: when given, where each value of ``SentRecord/completedKeys`` lies.
    private static func scan(
        _ scanner: consuming ByteScanner, json: [UInt8], decoding record: UnsafeMutablePointer<TrialRecord>?,
        values: UnsafeMutableBufferPointer<Range<Int>>? = nil
    ) throws(RecordRuleError) -> CheckedRecord {
        var scanner = scanner
        // Read once here: every use of a static costs a `swift_once` call, 27 fields over.
        let table = table
        let recordFields = TrialRecord.fields
        var seen: UInt64 = 0
        var next = 0
        var outcome: Outcome?
        var recordKey = RecordKey(runID: "", strategy: .clear, repeat: 0, trial: 0, attempt: 0)
        guard scanner.take(UInt8(ascii: "{")) else { throw notAnObject }
        if !scanner.take(UInt8(ascii: "}")) {
            repeat {
                let field: Int
                if next < table.fields.count, scanner.take(table.fields[next].member) {
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
                if let values, let slot = table.completedSlots[field] { values[slot] = valueStart..<scanner.index }
                let word = try table.check(value, field: field, in: scanner.bytes)
                switch (field, value) {
                case (table.outcome, _): outcome = word.map { Outcome.allCases[$0] }
                case (table.runID, .text(let text)): recordKey.runID = scanner.string(text)
                case (table.strategy, .text(let text)): recordKey.strategy = Strategy(rawValue: scanner.string(text))
                case (table.repeat, .number(let number)): recordKey.repeat = Int(number)
                case (table.trial, .number(let number)): recordKey.trial = Int(number)
                case (table.attempt, .number(let number)): recordKey.attempt = Int(number)
                default: break
                }
                if let record {
                    guard recordFields[field].assign(&record.pointee, FlatJSONObject.Value(value, in: scanner)) else {
                        throw RecordRuleError(message: "'\(table.fields[field].key)': expected \(recordFields[field].expected)")
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
        return CheckedRecord(json: json, outcome: outcome!, key: recordKey)
    }

    private static let table = Table()

    /// The rules as the check reads them: keys and words as bytes, to compare
    /// without decoding (a key that comes in its place is one comparison of
    /// `"key":`), and where the fields of the key and outcome are.
    private final class Table: Sendable {
        struct Field: Sendable {
            let key: String
            let bytes: [UInt8]
            /// `"key":`, as a record written in order has it.
            let member: [UInt8]
            let rule: RecordRules.Rule
            let words: [[UInt8]]
        }

        let fields: [Field]
        /// ``SentRecord/completedSlots``, read with the rest of the table.
        let completedSlots = SentRecord.completedSlots
        let outcome: Int, runID: Int, strategy: Int, `repeat`: Int, trial: Int, attempt: Int

        init() {
            // The rules list the record's fields in its order (a test holds them to it).
            let fields = zip(RecordRules.fields, TrialRecord.fields).map { rule, field in
                var words: [[UInt8]] = []
                if case .word(let names, _) = rule.rule { words = names.map { Array($0.utf8) } }
                return Field(key: rule.key, bytes: Array(rule.key.utf8), member: field.member, rule: rule.rule, words: words)
            }
            func field(_ key: String) -> Int { fields.firstIndex { $0.key == key }! }
            self.fields = fields
            (outcome, runID, strategy) = (field("outcome"), field("run_id"), field("strategy"))
            (`repeat`, trial, attempt) = (field("repeat"), field("trial"), field("attempt"))
        }

        /// The field a key names: the expected one first, as records are written in order.
        func index(
            of key: ByteScanner.Text, expected: Int, in bytes: UnsafeBufferPointer<UInt8>
        ) throws(RecordRuleError) -> Int {
            let text = bytes[key.range]
            if !key.hasEscapes {
                if expected < fields.count, RecordCheck.equal(text, fields[expected].bytes) { return expected }
                if let found = fields.firstIndex(where: { RecordCheck.equal(text, $0.bytes) }) { return found }
            }
            let shown = key.range.count <= 64 && !key.hasEscapes && text.allSatisfy { (0x20..<0x7F).contains($0) }
                ? "'\(String(decoding: text, as: UTF8.self))'" : "a key"
            throw RecordRuleError(message: "\(shown) that a record does not have; record version \(TrialRecord.version) "
                + "has exactly these keys: \(RecordRules.fields.map(\.key).joined(separator: ", "))")
        }

        /// Checks one value against its field's rule.
        ///
        /// - Returns: for a ``RecordRules/Rule/word(_:nullable:)`` rule, the index
        ///   of the word (nil for null); nil for any other rule.
        func check(
            _ value: ByteScanner.Value, field: Int, in bytes: UnsafeBufferPointer<UInt8>
        ) throws(RecordRuleError) -> Int? {
            let rule = fields[field].rule
            var word: Int?
            if case .text(let text) = value, !text.hasEscapes, !fields[field].words.isEmpty {
                word = fields[field].words.firstIndex { RecordCheck.equal(bytes[text.range], $0) }
            }
            let allowed: Bool = switch (rule, value) {
            case (.version, .number(let number)): number == Double(TrialRecord.version)
            case (.runID, .text(let text)):
                !text.hasEscapes && text.range.count == 16 && bytes[text.range].allSatisfy(isLowercaseHex)
            case (.name, .text(let text)):
                (1...RecordRules.maxNameBytes).contains(text.decodedBytes) && !text.hasControl
            case (.count(let minimum), .number(let number)):
                isInteger(number, in: Double(minimum)...Double(RecordRules.maxCount))
            case (.pid, .number(let number)): isInteger(number, in: 0...Double(Int32.max))
            case (.timestamp, .text(let text)): !text.hasEscapes && isTimestamp(bytes[text.range])
            case (.seconds, .null), (.bytes, .null), (.optionalCount, .null), (.text, .null), (.word(_, true), .null): true
            case (.seconds, .number(let number)): number >= 0 && number <= RecordRules.maxSeconds
            case (.bytes, .number(let number)): isInteger(number, in: 0...Double(RecordRules.maxBytes))
            case (.optionalCount, .number(let number)): isInteger(number, in: 0...Double(RecordRules.maxCount))
            case (.word, .text): word != nil
            case (.text, .text(let text)): text.decodedBytes <= RecordRules.maxTextBytes
            default: false
            }
            guard allowed else {
                var got = ""
                if case .number(let number) = value { got = ", got \(number)" }
                throw RecordRuleError(message: "'\(fields[field].key)': expected \(rule.allowed)\(got)")
            }
            return word
        }
    }

    /// Whether `text` holds exactly `expected`.
    private static func equal(_ text: Slice<UnsafeBufferPointer<UInt8>>, _ expected: [UInt8]) -> Bool {
        text.count == expected.count && expected.withUnsafeBufferPointer { expected in
            memcmp(text.base.baseAddress! + text.startIndex, expected.baseAddress!, expected.count) == 0
        }
    }

    private static func isInteger(_ number: Double, in range: ClosedRange<Double>) -> Bool {
        range.contains(number) && number == number.rounded(.towardZero)
    }

    private static func isLowercaseHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    /// Whether `text` has the shape `2026-12-03T12:00:00.123456Z`.
    private static func isTimestamp(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
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
