import Analysis
import Foundation
import Reports
import Testing
import TrialRecords

@Suite struct JSONExportTests {
    private func parse(_ records: [TrialRecord]) throws -> [String: Any] {
        let summary = RunSummary(records: records)
        let text = JSONExport.render(summary, verdict: Verdict(summary: summary))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func noRecordsStillHaveEveryTopLevelKey() throws {
        let json = try parse([])
        #expect(Set(json.keys) == ["experiments", "records", "strategies", "verdict"])
        let verdict = try #require(json["verdict"] as? [String: Any])
        #expect(verdict["cheapest"] is NSNull)
    }

    @Test func oneRecordHasNullIntervals() throws {
        let json = try parse([Synthetic.record()])
        let strategies = try #require(json["strategies"] as? [[String: Any]])
        let phases = try #require(strategies.first?["phases"] as? [String: [String: Any]])
        let total = try #require(phases["total"])
        #expect(total["median"] as? Double == 0.01)
        #expect(total["mean_ci"] is NSNull)
        #expect(total["slope"] is NSNull)
        #expect(total["growth"] as? String == "undetermined")
    }

    @Test func aRealisticRunHasStableKeysAndAVerdict() throws {
        let json = try parse(Synthetic.records(trials: 30))
        let strategies = try #require(json["strategies"] as? [[String: Any]])
        #expect(strategies.map { $0["strategy"] as? String } == Strategy.allNames)
        let phases = try #require(strategies[0]["phases"] as? [String: [String: Any]])
        #expect(Set(phases.keys) == Set(Phase.allCases.map(\.rawValue)))
        #expect(phases["total"]?["growth"] as? String == "increasing")
        let verdict = try #require(json["verdict"] as? [String: Any])
        #expect((verdict["break_evens"] as? [Any])?.count == 2)
    }
}
