import Foundation
import Testing
@testable import Bench

@Suite struct FiguresReportTests {
    @Test func syntheticRunIsOneRecordPerLineOverFourStrategies() throws {
        let lines = String(decoding: Figures.syntheticRun(records: 40), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 40)
        let objects = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(Set(objects.compactMap { $0["strategy"] as? String }) == ["no-clear", "clear", "pool", "process"])
        #expect(objects.allSatisfy { $0["record_version"] as? Int == 2 && $0["outcome"] as? String == "ok" })
        #expect(objects.last?["trial"] as? Int == 9)
    }

    @Test func timesTheReportAndReadsItsPeakMemory() throws {
        // /bin/true stands in for isorun: it is started as `EXECUTABLE report FILE`.
        let folder = try madeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cost = try Figures.reportCost(of: "/bin/true", in: folder, records: 10)
        #expect(cost.time > .zero)
        #expect(cost.peakResidentBytes > 0)
    }

    @Test func aFailingReportIsAnError() throws {
        let folder = try madeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: BenchError.self) { try Figures.reportCost(of: "/bin/false", in: folder, records: 10) }
    }
}
