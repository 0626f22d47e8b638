import Analysis
import Foundation
import Reports
import Testing
import TrialRecords

@Suite struct CSVExportTests {
    @Test func noRecordsGiveTheHeaderOnly() {
        #expect(CSVExport.render([]) == CSVExport.columns.joined(separator: ",") + "\n")
        #expect(CSVExport.columns.first == "record_version")
        #expect(CSVExport.columns.contains("total_s"))
        #expect(CSVExport.columns.last == "recycled")
    }

    @Test func oneRowPerRecord() {
        let records = Synthetic.records(trials: 3)
        let rows = Self.parse(CSVExport.render(records))
        #expect(rows.count == records.count + 1)
        #expect(rows.allSatisfy { $0.count == CSVExport.columns.count })
    }

    @Test func fieldsWithCommasQuotesAndNewlinesRoundTrip() throws {
        var record = Synthetic.record(outcome: .failed)
        record.fitSeconds = nil
        record.reason = "shape (2, 3) \"bad\"\nsecond line"
        record.totalSeconds = 0.000125
        let rows = Self.parse(CSVExport.render([record]))
        #expect(rows.count == 2)
        let row = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
        #expect(row["reason"] == record.reason)
        #expect(row["outcome"] == "failed")
        #expect(Double(try #require(row["total_s"])) == 0.000125)
        #expect(row["recycled"] == "")
        #expect(row["fit_s"] == "", "a null is an empty field")
    }

    /// A minimal RFC 4180 reader, enough to check what the exporter writes.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(character)
            }
        }
        return rows
    }
}
