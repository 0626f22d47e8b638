import Foundation
import Testing
import Bench

@Suite struct BenchRowTests {
    @Test func noFloorLeavesRatioAndVerdictEmpty() {
        let row = BenchRow(figure: "seed trial under clear", value: 812, unit: "µs", goal: .none(.lower))
        #expect(row.floor == nil)
        #expect(row.ratio == nil)
        #expect(row.met == nil)
        #expect(row.goal == "—")
        #expect(row.better == .lower)
    }

    @Test func zeroFloorHasNoRatio() {
        let row = BenchRow(figure: "f", value: 3, unit: "µs", floor: 0, goal: .atMost(1.5))
        #expect(row.ratio == nil)
        #expect(row.met == nil)
    }

    @Test func lowerIsBetterMeetsAtOrUnderTheLimit() {
        let under = BenchRow(figure: "pool", value: 60, unit: "µs", floor: 50, goal: .atMost(1.5))
        #expect(under.ratio == 1.2)
        #expect(under.met == true)
        #expect(under.better == .lower)
        let at = BenchRow(figure: "pool", value: 75, unit: "µs", floor: 50, goal: .atMost(1.5))
        #expect(at.met == true)
        let over = BenchRow(figure: "pool", value: 80, unit: "µs", floor: 50, goal: .atMost(1.5))
        #expect(over.ratio == 1.6)
        #expect(over.met == false)
    }

    @Test func higherIsBetterMeetsAtOrOverTheLimit() {
        let over = BenchRow(figure: "throughput", value: 95, unit: "trials/s", floor: 100, goal: .atLeast(0.9))
        #expect(over.ratio == 0.95)
        #expect(over.met == true)
        #expect(over.better == .higher)
        let under = BenchRow(figure: "throughput", value: 80, unit: "trials/s", floor: 100, goal: .atLeast(0.9))
        #expect(under.ratio == 0.8)
        #expect(under.met == false)
    }

    @Test func jsonHasExactlyTheDocumentedKeysEvenWithoutAFloor() throws {
        let rows = [
            BenchRow(figure: "seed trial", value: 812, unit: "µs", goal: .none(.lower)),
            BenchRow(figure: "pool", value: 60, unit: "µs", floor: 50, goal: .atMost(1.5)),
        ]
        let objects = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(rows)) as? [[String: Any]])
        let keys: Set = ["figure", "value", "unit", "floor", "ratio", "goal", "better", "met"]
        #expect(objects.count == 2)
        for object in objects {
            #expect(Set(object.keys) == keys)
        }
        #expect(objects[0]["floor"] is NSNull)
        #expect(objects[1]["better"] as? String == "lower")
        #expect(objects[1]["met"] as? Bool == true)
    }

    @Test func jsonRoundTrips() throws {
        let rows = [
            BenchRow(figure: "seed trial", value: 812, unit: "µs", goal: .none(.lower)),
            BenchRow(figure: "ingest", value: 60_000, unit: "records/s", floor: 100_000, goal: .atLeast(0.5)),
        ]
        let decoded = try JSONDecoder().decode([BenchRow].self, from: JSONEncoder().encode(rows))
        #expect(decoded == rows)
    }
}
