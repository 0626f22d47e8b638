import Foundation
import Testing
import Bench

@Suite struct BenchFormatTests {
    let rows = [
        BenchRow(figure: "pool dispatch overhead per trial", value: 61.2, unit: "µs", floor: 48.9, goal: .atMost(1.5)),
        BenchRow(figure: "process isolation per trial (exec)", value: 9_800, unit: "µs", floor: 2_100, goal: .atMost(1.5)),
        BenchRow(figure: "collector ingest, one producer", value: 80_000, unit: "records/s", floor: 125_000, goal: .atLeast(0.5)),
        BenchRow(figure: "seed trial under clear, in-process", value: 812, unit: "µs", goal: .none(.lower)),
        BenchRow(figure: String(repeating: "a very long figure name ", count: 4), value: 1, unit: "MiB", floor: 1, goal: .atMost(1.5)),
    ]

    @Test func emptyTableHasTheHeaderOnly() {
        let lines = BenchFormat.table.render([]).split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines[0].hasPrefix("figure"))
    }

    @Test func tableRendersEveryRowAligned() {
        let text = BenchFormat.table.render(rows)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == rows.count + 1)
        for row in rows.prefix(4) {
            #expect(lines.contains { $0.hasPrefix(row.figure) })
        }
        #expect(lines[1].contains("1.25×"))
        #expect(lines[1].hasSuffix("yes"))
        #expect(lines[2].hasSuffix("NO"))
        #expect(lines[4].contains("—"))
        #expect(lines[5].contains("…"))
        #expect(Set(lines.map(\.count)).count == 1, "every line is padded to the same width")
        #expect(lines.allSatisfy { $0.count <= 110 })
        #expect(!text.contains("\u{1B}"), "no ANSI escapes")
    }

    @Test func jsonIsAnArrayWithOneObjectPerRow() throws {
        let text = BenchFormat.json.render(rows)
        let array = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.count == rows.count)
        #expect(array.map { $0["figure"] as? String } == rows.map(\.figure))
        #expect(try JSONDecoder().decode([BenchRow].self, from: Data(text.utf8)) == rows)
    }

    @Test func repeatedRowsShowTheirRangeInAnExtraColumn() {
        let runs = [50.0, 60.0, 90.0].map {
            BenchRow(figure: "pool dispatch overhead per trial", value: $0, unit: "µs", floor: 50, goal: .atMost(1.5))
        }
        let info = [800.0, 812.0, 830.0].map { BenchRow(figure: "seed trial", value: $0, unit: "µs", goal: .none(.lower)) }
        let lines = BenchFormat.table.render([BenchRow(repeats: runs), BenchRow(repeats: info)])
            .split(separator: "\n").map(String.init)
        #expect(lines[0].hasSuffix("min–max of 3 runs"))
        #expect(lines[1].hasSuffix("1–1.8×"))
        #expect(lines[1].contains("1.2×"))
        #expect(lines[2].hasSuffix("800–830 µs"))
        #expect(!BenchFormat.table.render(rows).contains("runs"), "one run: no range column")
    }
}
