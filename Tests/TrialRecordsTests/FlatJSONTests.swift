import Foundation
import Testing
import TrialRecords

@Suite struct FlatJSONTests {
    @Test func anEmptyObjectHasNoMembers() throws {
        let object = try #require(FlatJSONObject(Array("{}".utf8)))
        #expect(object.members.isEmpty)
        #expect(object.end == 2)
    }

    @Test func everyFlatValueKindIsRead() throws {
        let text = #" { "s" : "a\"b\\c\n\u00e9\ud83d\ude00", "n": -1.5e-3, "i": 42, "t": true, "f": false, "z": null } tail"#
        let object = try #require(FlatJSONObject(Array(text.utf8)))
        #expect(object.string("s") == "a\"b\\c\né😀")
        #expect(object.number("n") == -0.0015)
        #expect(object.integer("i") == 42)
        #expect(object["t"] == .bool(true))
        #expect(object["f"] == .bool(false))
        #expect(object["z"] == .null)
        #expect(String(decoding: Array(text.utf8)[object.end...], as: UTF8.self) == " tail")
    }

    @Test func nestedValuesAndBadSyntaxAreLeftToFoundation() {
        for text in [#"{"a": [1]}"#, #"{"a": {"b": 1}}"#, #"{"a" 1}"#, #"{"a": 1,}"#, #"{"a": "x"#, #"{"a": tru}"#, "[]", ""] {
            #expect(FlatJSONObject(Array(text.utf8)) == nil, "\(text)")
        }
    }

    @Test func writtenStringsAreValidJSONForAnyText() throws {
        let awkward = "quote \" backslash \\ newline \n tab \t bell \u{07} é 😀"
        var writer = FlatJSONWriter()
        writer.add("text", awkward)
        writer.add("count", 3)
        writer.add("ratio", 0.25)
        let json = writer.finish()
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(parsed?["text"] as? String == awkward)
        #expect(FlatJSONObject(Array(json.utf8))?.string("text") == awkward)
    }

    @Test func recordLinesMatchFoundationsReading() throws {
        let record = TrialRecord(
            experiment: "seed", strategy: "pool", trial: 7, repeat: 1, attempt: 2, worker: "w\"3", pid: 99,
            host: "h", launch: "fork-server", createSeconds: 1.25e-5, fitSeconds: 0.5, testSeconds: 3e-9,
            totalSeconds: 0.5000125, isolationSeconds: 1e-3, wallSeconds: 2, rssBytes: 1 << 30,
            peakRSSBytes: 1 << 31, graphNodes: 152, liveVariables: 14, nodesCopied: 759,
            outcome: .workerLost, reason: "worker killed by signal 9 (Killed)", recycled: "max-rss")
        let line = record.jsonLine()
        let viaFoundation = try JSONDecoder().decode(TrialRecord.self, from: Data(line.utf8))
        #expect(viaFoundation == record)
        #expect(try TrialRecord(jsonLine: line) == record)
    }

    @Test func aRecordWithAMistypedKeyGetsFoundationsError() {
        let line = TrialRecord(experiment: "e", strategy: "clear", trial: 0, worker: "w", pid: 1, host: "h", launch: "exec")
            .jsonLine().replacingOccurrences(of: #""trial":0"#, with: #""trial":"zero""#)
        #expect(throws: DecodingError.self) { try TrialRecord(jsonLine: line) }
    }
}
