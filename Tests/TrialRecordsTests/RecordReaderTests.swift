import Testing
import TrialRecords

@Suite struct RecordReaderTests {
    private let record = TrialRecord(
        experiment: "seed", strategy: "clear", trial: 3, worker: "local", pid: 42,
        host: "h", launch: "in-process", createSeconds: 0.5, totalSeconds: 1.25, rssBytes: 1024)

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
        for key in ["\"create_s\":0.5", "\"total_s\":1.25", "\"rss_bytes\":1024", "\"outcome\":\"ok\""] {
            #expect(line.contains(key), "\(key) missing from \(line)")
        }
        #expect(!line.contains("\"reason\""), "an ok record carries no reason")
    }

    @Test func aMalformedLineIsReportedByNumberAndTheRestIsRead() throws {
        let text = [record.jsonLine(), "{not json", "", record.jsonLine(), #"{"experiment":"x"}"#].joined(separator: "\n")
        let result = try RecordReader.parse(text, file: "runs.jsonl")
        #expect(result.records.count == 2)
        #expect(result.problems.map(\.line) == [2, 5])
        #expect(result.problems[1].description.hasPrefix("runs.jsonl:5: missing key"))
    }

    @Test func strictStopsAtTheFirstProblem() {
        let text = record.jsonLine() + "\n{bad\n"
        #expect(throws: RecordReader.LineProblem.self) {
            try RecordReader.parse(text, file: "f", strict: true)
        }
    }
}
