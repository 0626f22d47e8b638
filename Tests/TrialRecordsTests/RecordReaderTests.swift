import Testing
import TrialRecords

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

    @Test func strictStopsAtTheFirstProblem() {
        let text = record.jsonLine() + "\n{bad\n"
        #expect(throws: RecordReader.LineProblem.self) {
            try RecordReader.parse(text, file: "f", strict: true)
        }
    }
}
