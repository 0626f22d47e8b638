import TrialRecords

extension RecordCheck {
    /// The rules as the check reads them: keys and words as bytes, to compare
    /// without decoding (a key that comes in its place is one comparison of
    /// `"key":`), and where the fields of the key and outcome are.
    ///
    /// What the check reads for every field lies in ``entries``, ``members``,
    /// ``wordRanges`` and ``wordBytes``: plain values in memory the table
    /// holds for the life of the process, read through pointers. Read from
    /// arrays of structs that hold arrays, each field cost a retain and a
    /// release of what it touched: about 90 of each a record, an eighth of a
    /// decode's instructions.
    final class Table: Sendable {
        /// What the check needs of one field at every record.
        struct Entry {
            enum Kind: UInt8 { case version, runID, name, integer, timestamp, seconds, text, word }

            var kind: Kind
            /// Null is allowed.
            var nullable: Bool
            /// For ``Kind/integer``: the smallest and largest allowed.
            var minimum: Double, maximum: Double
            /// Where `"key":` lies in ``members``.
            var member: Range<Int>
            /// Its place in ``SentRecord/completedKeys``, or -1.
            var completedSlot: Int
            /// For ``Kind/word``: which of ``wordRanges`` are its words.
            var wordIndices: Range<Int> = 0..<0
        }

        struct Field: Sendable {
            let key: String
            let bytes: [UInt8]
            let rule: RecordRules.Rule
        }

        let fields: [Field]
        /// One per field, in order.
        nonisolated(unsafe) let entries: UnsafeBufferPointer<Entry>
        /// Every field's `"key":`, back to back.
        nonisolated(unsafe) let members: UnsafeBufferPointer<UInt8>
        /// Where each word of every ``Kind/word`` field lies in ``wordBytes``, field after field.
        nonisolated(unsafe) let wordRanges: UnsafeBufferPointer<Range<Int>>
        /// Those words, back to back.
        nonisolated(unsafe) let wordBytes: UnsafeBufferPointer<UInt8>
        let outcome: Int, runID: Int, strategy: Int, `repeat`: Int, trial: Int, attempt: Int

        init() {
            // The rules list the record's fields in its order (a test holds them to it).
            let fields = RecordRules.fields.map { Field(key: $0.key, bytes: Array($0.key.utf8), rule: $0.rule) }
            // Each field's allowed words, none but for a word rule.
            let fieldWords = fields.map { field -> [[UInt8]] in
                guard case .word(let names, _) = field.rule else { return [] }
                return names.map { Array($0.utf8) }
            }
            func field(_ key: String) -> Int { fields.firstIndex { $0.key == key }! }
            self.fields = fields
            (outcome, runID, strategy) = (field("outcome"), field("run_id"), field("strategy"))
            (`repeat`, trial, attempt) = (field("repeat"), field("trial"), field("attempt"))

            let memberBytes = TrialRecord.fields.flatMap(\.member)
            let members = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: memberBytes.count)
            _ = members.initialize(from: memberBytes)
            self.members = UnsafeBufferPointer(members)
            let allWords = fieldWords.flatMap { $0 }
            let wordBytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: allWords.reduce(0) { $0 + $1.count })
            _ = wordBytes.initialize(from: allWords.joined())
            self.wordBytes = UnsafeBufferPointer(wordBytes)
            let wordRanges = UnsafeMutableBufferPointer<Range<Int>>.allocate(capacity: allWords.count)
            var wordStart = 0
            for (index, word) in allWords.enumerated() {
                wordRanges.initializeElement(at: index, to: wordStart..<wordStart + word.count)
                wordStart += word.count
            }
            self.wordRanges = UnsafeBufferPointer(wordRanges)

            let entries = UnsafeMutableBufferPointer<Entry>.allocate(capacity: fields.count)
            var memberStart = 0, wordsBefore = 0
            for (index, (field, recordField)) in zip(fields, TrialRecord.fields).enumerated() {
                let member = memberStart..<memberStart + recordField.member.count
                memberStart = member.upperBound
                let slot = SentRecord.completedSlots[index] ?? -1
                var entry = Self.entry(field.rule, member: member, completedSlot: slot)
                entry.wordIndices = wordsBefore..<wordsBefore + fieldWords[index].count
                wordsBefore = entry.wordIndices.upperBound
                entries.initializeElement(at: index, to: entry)
            }
            self.entries = UnsafeBufferPointer(entries)
        }

        private static func entry(_ rule: RecordRules.Rule, member: Range<Int>, completedSlot: Int) -> Entry {
            var entry = Entry(kind: .integer, nullable: false, minimum: 0, maximum: Double(RecordRules.maxCount),
                              member: member, completedSlot: completedSlot)
            switch rule {
            case .version: entry.kind = .version
            case .runID: entry.kind = .runID
            case .name: entry.kind = .name
            case .count(let minimum): entry.minimum = Double(minimum)
            case .pid: entry.maximum = Double(Int32.max)
            case .timestamp: entry.kind = .timestamp
            case .seconds: (entry.kind, entry.nullable) = (.seconds, true)
            case .bytes: (entry.maximum, entry.nullable) = (Double(RecordRules.maxBytes), true)
            case .optionalCount: entry.nullable = true
            case .word(_, let nullable): (entry.kind, entry.nullable) = (.word, nullable)
            case .text: (entry.kind, entry.nullable) = (.text, true)
            }
            return entry
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
            let entry = entries[field]
            var word: Int?
            if entry.kind == .word, case .text(let text) = value, !text.hasEscapes {
                word = entry.wordIndices.first {
                    RecordCheck.equal(bytes[text.range], UnsafeBufferPointer(rebasing: wordBytes[wordRanges[$0]]))
                }.map { $0 - entry.wordIndices.lowerBound }
            }
            let allowed: Bool = switch (entry.kind, value) {
            case (_, .null): entry.nullable
            case (.version, .number(let number)): number == Double(TrialRecord.version)
            case (.runID, .text(let text)):
                !text.hasEscapes && text.range.count == 16 && bytes[text.range].allSatisfy(RecordCheck.isLowercaseHex)
            case (.name, .text(let text)):
                (1...RecordRules.maxNameBytes).contains(text.decodedBytes) && !text.hasControl
            case (.integer, .number(let number)): RecordCheck.isInteger(number, in: entry.minimum...entry.maximum)
            case (.timestamp, .text(let text)): !text.hasEscapes && RecordCheck.isTimestamp(bytes[text.range])
            case (.seconds, .number(let number)): number >= 0 && number <= RecordRules.maxSeconds
            case (.text, .text(let text)): text.decodedBytes <= RecordRules.maxTextBytes
            case (.word, .text): word != nil
            default: false
            }
            guard allowed else {
                var got = ""
                if case .number(let number) = value { got = ", got \(number)" }
                throw RecordRuleError(message: "'\(fields[field].key)': expected \(fields[field].rule.allowed)\(got)")
            }
            return word
        }
    }
}
