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
        json.contains { $0 == 0x0A || $0 == 0x0D } ? json.filter { $0 != 0x0A && $0 != 0x0D } : json
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
/// same pass (``decode(_:)``).
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

    /// Checks `json` as ``check(_:)`` does and decodes it in the same pass:
    /// what the coordinator does with every record a worker sends, on the way
    /// from that record to the worker's next task.
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

    private static let notAnObject = RecordRuleError(
        message: "not a record: expected one JSON object of strings, numbers and nulls, in UTF-8")

    /// Checks every field, and sets it in `record` when there is one; the
    /// rules list the record's fields in its order (a test holds them to it).
    private static func scan(
        _ scanner: consuming ByteScanner, json: [UInt8], decoding record: UnsafeMutablePointer<TrialRecord>?
    ) throws(RecordRuleError) -> CheckedRecord {
        var scanner = scanner
        var seen: UInt64 = 0
        var next = 0
        var outcome: Outcome?
        var recordKey = RecordKey(runID: "", strategy: .clear, repeat: 0, trial: 0, attempt: 0)
        guard scanner.take(UInt8(ascii: "{")) else { throw notAnObject }
        if !scanner.take(UInt8(ascii: "}")) {
            repeat {
                guard let key = scanner.text(), scanner.take(UInt8(ascii: ":")) else { throw notAnObject }
                let field = try index(of: key, expected: next, in: scanner.bytes)
                guard seen & (1 << field) == 0 else {
                    throw RecordRuleError(message: "key '\(fields[field].key)' appears twice")
                }
                guard let value = scanner.value() else { throw notAnObject }
                let word = try check(value, field: field, in: scanner.bytes)
                switch (field, value) {
                case (outcomeField, _): outcome = word.map { Outcome.allCases[$0] }
                case (runIDField, .text(let text)): recordKey.runID = scanner.string(text)
                case (strategyField, .text(let text)): recordKey.strategy = Strategy(rawValue: scanner.string(text))
                case (repeatField, .number(let number)): recordKey.repeat = Int(number)
                case (trialField, .number(let number)): recordKey.trial = Int(number)
                case (attemptField, .number(let number)): recordKey.attempt = Int(number)
                default: break
                }
                if let record {
                    guard TrialRecord.fields[field].assign(&record.pointee, FlatJSONObject.Value(value, in: scanner)) else {
                        throw RecordRuleError(message: "'\(fields[field].key)': expected \(TrialRecord.fields[field].expected)")
                    }
                }
                seen |= 1 << field
                next = field + 1
            } while scanner.take(UInt8(ascii: ","))
            guard scanner.take(UInt8(ascii: "}")) else { throw notAnObject }
        }
        scanner.skipSpace()
        guard scanner.atEnd else { throw notAnObject }
        if let missing = fields.indices.first(where: { seen & (1 << $0) == 0 }) {
            throw RecordRuleError(message: "missing key '\(fields[missing].key)'")
        }
        return CheckedRecord(json: json, outcome: outcome!, key: recordKey)
    }

    /// The rules with their key and words as bytes, to compare without decoding.
    private static let fields: [(key: String, bytes: [UInt8], rule: RecordRules.Rule, words: [[UInt8]])] =
        RecordRules.fields.map { key, rule in
            var words: [[UInt8]] = []
            if case .word(let names, _) = rule { words = names.map { Array($0.utf8) } }
            return (key, Array(key.utf8), rule, words)
        }

    private static let outcomeField = field("outcome")
    private static let runIDField = field("run_id")
    private static let strategyField = field("strategy")
    private static let repeatField = field("repeat")
    private static let trialField = field("trial")
    private static let attemptField = field("attempt")

    private static func field(_ key: String) -> Int {
        fields.firstIndex { $0.key == key }!
    }

    /// The field a key names: the expected one first, as records are written in order.
    private static func index(
        of key: ByteScanner.Text, expected: Int, in bytes: UnsafeBufferPointer<UInt8>
    ) throws(RecordRuleError) -> Int {
        let text = bytes[key.range]
        if !key.hasEscapes {
            if expected < fields.count, text.elementsEqual(fields[expected].bytes) { return expected }
            if let found = fields.firstIndex(where: { text.elementsEqual($0.bytes) }) { return found }
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
    private static func check(
        _ value: ByteScanner.Value, field: Int, in bytes: UnsafeBufferPointer<UInt8>
    ) throws(RecordRuleError) -> Int? {
        let rule = fields[field].rule
        var word: Int?
        if case .text(let text) = value, !text.hasEscapes, !fields[field].words.isEmpty {
            word = fields[field].words.firstIndex { bytes[text.range].elementsEqual($0) }
        }
        let allowed: Bool = switch (rule, value) {
        case (.version, .number(let number)): number == Double(TrialRecord.version)
        case (.runID, .text(let text)):
            !text.hasEscapes && text.range.count == 16 && bytes[text.range].allSatisfy(isLowercaseHex)
        case (.name, .text(let text)):
            (1...RecordRules.maxNameBytes).contains(text.decodedBytes) && !text.hasControl
        case (.count(let minimum), .number(let number)): isInteger(number, in: Double(minimum)...Double(RecordRules.maxCount))
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

    private static func isInteger(_ number: Double, in range: ClosedRange<Double>) -> Bool {
        range.contains(number) && number == number.rounded(.towardZero)
    }

    private static func isLowercaseHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    /// Whether `text` has the shape `2026-12-03T12:00:00.123456Z`.
    private static func isTimestamp(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let shape = timestampShape
        guard text.count == shape.count else { return false }
        return zip(text, shape).allSatisfy { byte, expected in
            expected == UInt8(ascii: "d") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : byte == expected
        }
    }

    private static let timestampShape = Array("dddd-dd-ddTdd:dd:dd.ddddddZ".utf8)
}
