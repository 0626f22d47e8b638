import Foundation
import Testing
import Bench

@Suite struct BenchRowTests {
    @Test func noFloorLeavesRatioAndVerdictEmpty() {
        let row = BenchRow(figure: "seed trial under clear", value: 812, unit: "µs", goal: .none(.lower))
        #expect(row.floor == nil)
        #expect(row.ratio == nil)
        #expect(row.met == nil)
        #expect(row.goal == nil)
        #expect(row.target.text == "—")
        #expect(row.better == .lower)
        #expect(row.runs == 1)
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
        let keys: Set = [
            "figure", "value", "value_min", "value_max", "unit", "floor", "ratio", "ratio_min", "ratio_max",
            "goal", "better", "met", "runs",
        ]
        #expect(objects.count == 2)
        for object in objects {
            #expect(Set(object.keys) == keys)
        }
        #expect(objects[0]["floor"] is NSNull)
        #expect(objects[1]["better"] as? String == "lower")
        #expect(objects[1]["met"] as? Bool == true)
        #expect(objects[0]["goal"] is NSNull)
        #expect(objects[1]["goal"] as? Double == 1.5, "the goal is a number, not display text")
        #expect(objects[1]["runs"] as? Int == 1)
    }

    @Test func oneRepeatIsTheRowItself() {
        let row = BenchRow(figure: "pool", value: 60, unit: "µs", floor: 50, goal: .atMost(1.5))
        #expect(BenchRow(repeats: [row]) == row)
    }

    @Test func repeatsGiveTheMedianRatioOfEachRunsOwnRatioAndItsRange() {
        // Ratios 1.2, 2.0, 1.4, 1.6, 1.0: median 1.4, met; the median value and
        // floor (70 and 50) would not give the median ratio in general.
        let rows = [(60.0, 50.0), (80.0, 40.0), (70.0, 50.0), (80.0, 50.0), (50.0, 50.0)].map { value, floor in
            BenchRow(figure: "pool", value: value, unit: "µs", floor: floor, goal: .atMost(1.5))
        }
        let summary = BenchRow(repeats: rows)
        #expect(summary.runs == 5)
        #expect(summary.ratio == 1.4)
        #expect(summary.ratioMin == 1.0)
        #expect(summary.ratioMax == 2.0)
        #expect(summary.value == 70)
        #expect(summary.valueMin == 50)
        #expect(summary.valueMax == 80)
        #expect(summary.floor == 50)
        #expect(summary.met == true)
        #expect(summary.goal == 1.5)
    }

    @Test func repeatsOfAnEvenCountTakeTheMeanOfTheMiddleTwo() {
        let rows = [1.0, 4.0, 2.0, 3.0].map { BenchRow(figure: "f", value: $0, unit: "ms", goal: .none(.lower)) }
        let summary = BenchRow(repeats: rows)
        #expect(summary.value == 2.5)
        #expect(summary.ratio == nil)
        #expect(summary.ratioMin == nil)
        #expect(summary.met == nil)
        #expect((summary.valueMin, summary.valueMax) == (1, 4))
    }

    @Test func repeatsJudgeTheMedianNotTheBestRun() {
        let rows = [0.95, 0.8, 0.85].map {
            BenchRow(figure: "throughput", value: $0 * 100, unit: "trials/s", floor: 100, goal: .atLeast(0.9))
        }
        #expect(BenchRow(repeats: rows).met == false)
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
