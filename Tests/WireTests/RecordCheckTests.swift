import Testing
import TrialRecords
@testable import Wire

@Suite struct RecordCheckTests {
    private static let valid: TrialRecord = {
        var record = TrialRecord(
            runID: "0123456789abcdef", experiment: "seed", strategy: .pool, trial: 4, worker: "w2", pid: 77,
            host: "h", launch: .exec, startedAt: "2026-12-03T12:00:00.000001Z", modelsBefore: 4)
        record.fitSeconds = 0.25
        record.rssBytes = 1 << 20
        return record
    }()

    /// The valid record's JSON with `key`'s value written as `raw`.
    private func json(_ key: String, _ raw: String) -> [UInt8] {
        var writer = FlatJSONWriter()
        for field in TrialRecord.fields {
            if field.key == key { writer.add(key, json: raw) } else { writer.add(field.key, field.value(Self.valid)) }
        }
        return Array(writer.finish().utf8)
    }

    /// Why `bytes` are refused, or nil; checking and decoding must agree.
    private func refusal(_ bytes: [UInt8]) -> String? {
        func message(_ attempt: () throws(RecordRuleError) -> Void) -> String? {
            do {
                try attempt()
                return nil
            } catch {
                return error.message
            }
        }
        let checked = message { () throws(RecordRuleError) in _ = try RecordCheck.check(bytes) }
        let decoded = message { () throws(RecordRuleError) in _ = try RecordCheck.decode(bytes) }
        let kept = message { () throws(RecordRuleError) in _ = try RecordCheck.decodeKeepingBytes(bytes) }
        #expect(checked == decoded, "checking and decoding disagree")
        #expect(kept == decoded, "decoding with and without keeping the bytes disagree")
        return checked
    }

    /// The run id given to reuse is the key's only when the record's has the same bytes, and then its storage too.
    @Test func aRunIDToReuseIsTakenOnlyForTheSameBytes() throws {
        func storage(_ text: String) -> UnsafePointer<UInt8>? {
            text.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil
        }
        let bytes = Self.valid.jsonBytes()[...]
        let same = String(decoding: Array("0123456789abcdef".utf8), as: UTF8.self)
        let reused = try RecordCheck.check(bytes, reusingRunID: same).key
        #expect(try reused == RecordCheck.check(bytes).key)
        #expect(storage(reused.runID) != nil && storage(reused.runID) == storage(same))
        let other = try RecordCheck.check(bytes, reusingRunID: "fedcba9876543210").key
        #expect(other.runID == Self.valid.runID && storage(other.runID) != storage(same))
    }

    @Test func theRulesCoverEveryKeyOfTheSchemaInOrder() {
        #expect(RecordRules.fields.map(\.key) == TrialRecord.keys)
    }

    @Test func aRecordAsWrittenPassesAndKeepsItsOutcome() throws {
        for outcome in Outcome.allCases {
            var record = Self.valid
            record.outcome = outcome
            record.reason = outcome == .ok ? nil : "why"
            let checked = try RecordCheck.check(Array(record.jsonLine().utf8))
            #expect(checked.outcome == outcome)
            #expect(checked.key == RecordKey(record))
            #expect(Array(checked.line) == Array(record.jsonLine().utf8))
            #expect(try RecordCheck.decode(Array(record.jsonLine().utf8)) == record)
        }
    }

    /// Decoding in the checking pass reads keys in any order, as `TrialRecord(json:)` does.
    @Test func aRecordDecodedWhileCheckedIsTheRecordWhateverTheOrderOfItsKeys() throws {
        var record = Self.valid
        record.reason = "a \"quoted\" reason"
        record.graphNodes = 152
        let object = try #require(FlatJSONObject(record.jsonBytes()))
        var writer = FlatJSONWriter()
        for member in object.members.reversed() {
            let key = member.key
            switch member.value {
            case .string(let text): writer.add(key, text)
            case .number(let number): writer.add(key, json: number == number.rounded() ? String(Int(number)) : "\(number)")
            case .bool(let bool): writer.add(key, json: "\(bool)")
            case .null: writer.add(key, json: "null")
            }
        }
        let reversed = Array(writer.finish().utf8)
        #expect(try RecordCheck.decode(reversed) == record)
        #expect(try RecordCheck.decode(reversed) == TrialRecord(json: reversed))
    }

    @Test func emptyTruncatedAndTrailingBytesAreRefused() {
        let line = Array(Self.valid.jsonLine().utf8)
        #expect(refusal([]) != nil)
        #expect(refusal(Array("{}".utf8)) == "missing key 'record_version'")
        #expect(refusal(Array(line.dropLast())) != nil)
        #expect(refusal(line + Array("x".utf8)) != nil)
        #expect(refusal(line + Array(" \n".utf8)) == nil)
    }

    @Test(arguments: [
        ("fit_s", "-1"), ("fit_s", "1e308"), ("fit_s", "1e999"), ("fit_s", "NaN"), ("fit_s", "Infinity"),
        ("fit_s", "1000000.5"), ("fit_s", "\"0.1\""), ("fit_s", "01"), ("fit_s", "1."), ("fit_s", "-"),
        ("rss_bytes", "-1"), ("rss_bytes", "1125899906842625"), ("rss_bytes", "1.5"), ("rss_bytes", "true"),
        ("trial", "-1"), ("trial", "1e300"), ("trial", "null"), ("attempt", "0"), ("pid", "-1"), ("pid", "2147483648"),
        ("models_before", "1e20"), ("graph_nodes", "[1]"), ("nodes_copied", "{}"),
        ("record_version", "1"), ("run_id", "\"0123456789ABCDEF\""), ("run_id", "\"0123\""),
        ("started_at", "\"2026-12-03 12:00:00\""), ("started_at", "\"2026-12-03T12:00:00.000001\\u005a\""),
        ("outcome", "\"crashed\""), ("outcome", "null"), ("outcome", "\"o\\u006b\""), ("recycled", "\"maybe\""),
        ("strategy", "\"\""), ("strategy", "\"\(String(repeating: "s", count: 256))\""),
        ("host", "\"a\\u0000b\""), ("host", "\"a\\nb\""), ("worker", "\"\u{7F}\""),
        ("reason", "\"\(String(repeating: "r", count: 4097))\""), ("reason", "\"\\ud800\""), ("reason", "\"\\udc00x\""),
    ])
    func aValueOutsideItsRuleIsRefusedByKey(key: String, raw: String) {
        let message = refusal(json(key, raw))
        #expect(message?.contains("'\(key)'") == true || message?.hasPrefix("not a record") == true, "\(raw): \(message ?? "accepted")")
    }

    @Test(arguments: [
        ("fit_s", "-0"), ("fit_s", "0"), ("fit_s", "1e6"), ("fit_s", "1.5E-9"), ("rss_bytes", "1125899906842624"),
        ("trial", "2.0"), ("pid", "0"), ("recycled", "\"max-rss\""), ("reason", "\"\(String(repeating: "é", count: 2048))\""),
        ("reason", "\"a\\u00e9\\ud83d\\ude00\""), ("host", "\"nœud-1\""), ("strategy", "\"my-own\""),
    ])
    func aValueWithinItsRuleIsTaken(key: String, raw: String) {
        #expect(refusal(json(key, raw)) == nil, "\(key): \(raw)")
    }

    /// The check reads each rule from a table of its own; null is taken exactly where the rule says.
    @Test func nullIsTakenExactlyWhereTheRuleAllowsIt() {
        for (key, rule) in RecordRules.fields {
            let allowed = switch rule {
            case .seconds, .bytes, .optionalCount, .text: true
            case .word(_, let nullable): nullable
            default: false
            }
            #expect((refusal(json(key, "null")) == nil) == allowed, "\(key)")
        }
    }

    @Test(arguments: [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF], [0x80]])
    func invalidUTF8InAStringIsRefused(bytes: [UInt8]) {
        var line = json("host", "\"HOST\"")
        let at = line.indices.first { line[$0...].starts(with: Array("HOST".utf8)) }!
        line.replaceSubrange(at..<at + 4, with: bytes)
        #expect(refusal(line)?.hasPrefix("not a record") == true)
    }

    @Test func unknownRepeatedAndMissingKeysAreRefusedByName() {
        let line = Self.valid.jsonLine()
        #expect(refusal(Array(line.replacingOccurrences("}", ",\"extra\":1}").utf8))?.hasPrefix("'extra'") == true)
        #expect(refusal(Array(line.replacingOccurrences("}", ",\"fit_s\":1}").utf8)) == "key 'fit_s' appears twice")
        #expect(refusal(Array(line.replacingOccurrences("\"recycled\":null", "\"x\":null").utf8))?.hasPrefix("'x'") == true)
        let withoutRecycled = line.replacingOccurrences(",\"recycled\":null", "")
        #expect(refusal(Array(withoutRecycled.utf8)) == "missing key 'recycled'")
    }

    @Test func keysInAnotherOrderAndLineBreaksBetweenTokensAreTaken() throws {
        let fields = TrialRecord.fields.reversed().map { "\"\($0.key)\":\n\(value(of: $0))" }
        let json = Array(("{\r\n" + fields.joined(separator: ",\n") + "\n}").utf8)
        let checked = try RecordCheck.check(json)
        #expect(!checked.line.contains(0x0A) && !checked.line.contains(0x0D))
        #expect(try TrialRecord(json: Array(checked.line)) == Self.valid)
    }

    private func value(of field: RecordField) -> String {
        var writer = FlatJSONWriter()
        writer.add("v", field.value(Self.valid))
        return String(writer.finish().dropFirst(5).dropLast())
    }

    @Test func whatTheCheckTakesTheDecoderReads() throws {
        var random = SplitMixForTests(seed: 11)
        let line = Array(Self.valid.jsonLine().utf8)
        var taken = 0
        for _ in 0..<2_000 {
            var bytes = line
            for _ in 0...random.next(below: 3) {
                bytes[random.next(below: bytes.count)] = UInt8(truncatingIfNeeded: random.next(below: 256))
            }
            guard let checked = try? RecordCheck.check(bytes) else { continue }
            taken += 1
            let record = try TrialRecord(json: Array(checked.json))
            #expect(record.outcome == checked.outcome)
            #expect(throws: Never.self) { try RecordCheck.check(Array(record.jsonLine().utf8)) }
        }
        #expect(taken > 0)
    }

    @Test func clippingKeepsTextWithinTheRuleAtACharacterBoundary() {
        #expect(RecordRules.clipped("short") == "short")
        let clipped = RecordRules.clipped(String(repeating: "é", count: 3000))
        #expect(clipped.utf8.count <= RecordRules.maxTextBytes)
        #expect(clipped.hasSuffix("é…"))
    }
}

/// A small deterministic generator, so that a failure repeats.
struct SplitMixForTests {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((mixed ^ (mixed >> 31)) % UInt64(bound))
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
