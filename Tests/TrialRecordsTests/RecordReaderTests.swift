import Foundation
import Testing
@testable import TrialRecords

@Suite struct RecordReaderTests {
    private let record = TrialRecord.sample()

    @Test func emptyTextHasNoRecordsAndNoProblems() throws {
        let result = try RecordReader.parse("", file: "f.jsonl")
        #expect(result.records.isEmpty)
        #expect(result.problems.isEmpty)
    }

    @Test func aRecordSurvivesTheRoundTrip() throws {
        let result = try RecordReader.parse(record.jsonLine() + "\n", file: "f.jsonl")
        #expect(result.records == [record])
    }

    @Test func keysAreTheDocumentedSnakeCaseNames() {
        let line = record.jsonLine()
        for key in ["\"fit_s\":0.5", "\"total_s\":0.500012503", "\"rss_bytes\":1073741824", "\"outcome\":\"ok\""] {
            #expect(line.contains(key), "\(key) missing from \(line)")
        }
        #expect(line.contains("\"reason\":null"), "an ok record's reason is null")
    }

    @Test func aMalformedLineIsReportedByNumberAndTheRestIsRead() throws {
        let text = [record.jsonLine(), "{not json", "", record.jsonLine(), #"{"experiment":"x"}"#].joined(separator: "\n")
        let result = try RecordReader.parse(text, file: "runs.jsonl")
        #expect(result.records.count == 2)
        #expect(result.problems.map(\.line) == [2, 5])
        #expect(result.problems[1].description.hasPrefix("runs.jsonl:5: no 'record_version'"))
    }

    @Test func aLineThatIsNotUTF8IsAProblemOfItsOwn() throws {
        var bytes = Array((record.jsonLine() + "\n").utf8)
        // A byte that is no UTF-8 inside the host's name: repaired to U+FFFD, the line would be a record.
        var forged = Array(record.jsonLine().utf8)
        let host = Array(#""host":""#.utf8)
        let value = (0...forged.count - host.count).first { Array(forged[$0..<$0 + host.count]) == host }! + host.count
        forged[value] = 0xFF
        bytes += forged + Array(("\n" + record.jsonLine()).utf8)
        let result = try RecordReader.parse(bytes: bytes, file: "f.jsonl", strict: false)
        #expect(result.records == [record, record])
        #expect(result.problems.map(\.line) == [2])
    }

    @Test func linesOfWhiteSpaceAreSkipped() throws {
        let text = [record.jsonLine(), " \t", "\u{00A0}\u{2003}", record.jsonLine(), ""].joined(separator: "\n")
        let result = try RecordReader.parse(text, file: "f.jsonl")
        #expect(result.records == [record, record])
        #expect(result.problems.isEmpty)
        let withText = try RecordReader.parse(record.jsonLine() + "\n\u{00A0}x\n", file: "f.jsonl")
        #expect(withText.problems.map(\.line) == [2])
    }

    @Test func linesEndingInCRLFAreRecords() throws {
        // A `String` holds CR LF as one `Character`: split at "\n" it made the whole file one line.
        let result = try RecordReader.parse(record.jsonLine() + "\r\n" + record.jsonLine() + "\r\n", file: "f.jsonl")
        #expect(result.records == [record, record])
        #expect(result.problems.isEmpty)
    }

    @Test func aPipeIsReadToItsEnd() throws {
        // A pipe has no size to read ahead: `isorun report <(zcat runs.jsonl.gz)`.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("isorun-fifo-\(UUID().uuidString)").path
        try #require(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let text = record.jsonLine() + "\n" + record.jsonLine() + "\n"
        Thread.detachNewThread {
            let handle = FileHandle(forWritingAtPath: path)
            handle?.write(Data(text.utf8))
            try? handle?.close()
        }
        let result = try RecordReader.read(file: path)
        #expect(result.records == [record, record])
        #expect(result.problems.isEmpty)
    }

    @Test func strictStopsAtTheFirstProblem() {
        let text = record.jsonLine() + "\n{bad\n"
        #expect(throws: RecordReader.LineProblem.self) {
            try RecordReader.parse(text, file: "f", strict: true)
        }
    }
}
