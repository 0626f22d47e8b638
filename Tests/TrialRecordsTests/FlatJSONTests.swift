import Foundation
import Testing
@testable import TrialRecords

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

    @Test func stringArraysAreWrittenEmptyOrWithEachStringEscaped() throws {
        var writer = FlatJSONWriter()
        writer.add("none", [String]())
        writer.add("some", ["a", "quote \" and \n", "é"])
        let parsed = try JSONSerialization.jsonObject(with: Data(writer.finishBytes())) as? [String: [String]]
        #expect(parsed == ["none": [], "some": ["a", "quote \" and \n", "é"]])
    }

    /// An object written after bytes already held: its first member takes no
    /// comma, its others do, and the bytes before it come back unchanged.
    @Test func anObjectContinuesTheBytesItIsGiven() {
        for prefix in [Array(#"{"spec":"#.utf8), []] {
            var bytes = prefix
            var empty = FlatJSONWriter(continuing: &bytes)
            #expect(bytes.isEmpty, "held by the writer meanwhile")
            empty.finish(into: &bytes)
            #expect(bytes == prefix + Array("{}".utf8))
            var writer = FlatJSONWriter(continuing: &bytes)
            writer.add("a", 1)
            writer.add("b", "x")
            writer.finish(into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: prefix, as: UTF8.self) + #"{}{"a":1,"b":"x"}"#)
        }
    }

    @Test func integersAreWrittenInDecimalAtEveryMagnitude() {
        for value in [0, 7, -1, 10, -10, 1_234_567_890, Int.max, Int.min] {
            var writer = FlatJSONWriter()
            writer.add("n", value)
            #expect(writer.finish() == #"{"n":\#(value)}"#)
        }
    }

    @Test func controlCharactersAreEscapedAndTheRestKeptAsUTF8() {
        var writer = FlatJSONWriter()
        writer.add("k", "a\u{01}\r\u{1F}é")
        #expect(writer.finishBytes() == Array(#"{"k":"a\u0001\r\u001fé"}"#.utf8))
    }
}
