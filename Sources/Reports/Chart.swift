import Foundation
import TrialRecords

/// The classic chart as standalone SVG, drawn by hand: four panels of time per model
/// (creation, fitting, testing, total) and one of resident memory, each against the
/// trial index, one coloured line per strategy, and a legend.
///
/// Each line plots, per trial index, the median over repeats of the strategy's `ok`
/// trials. Every panel picks a readable unit (µs, ms or s; MiB for memory) and 1-2-5
/// ticks. A time panel whose lines lie more than ``logarithmicSpread`` apart switches to
/// a log axis, and one with a few far spikes clips its linear axis and marks what lies
/// above (see ``timeAxis(ys:medians:)``). The x axis is the trial index, not models
/// created in the process: with several workers those differ, and under `process` the
/// latter is always 0. The output is well-formed XML: all text is escaped.
///
/// ```swift
/// let svg = Chart.svg(records, title: "classic")
/// try svg.write(toFile: "results/classic.svg", atomically: true, encoding: .utf8)
/// ```
public enum Chart {
    /// The chart's width in pixels.
    public static let width = 1200.0
    private static let columns = 3
    private static let cellWidth = width / Double(columns)
    private static let cellHeight = 340.0
    private static let titleHeight = 48.0
    private static let margin = (left: 70.0, right: 18.0, top: 52.0, bottom: 50.0)
    private static let panels: [Phase] = [.create, .fit, .test, .total, .rss]

    /// One strategy's line: per trial index, the median over repeats.
    private struct Series {
        var strategy: String
        var points: [(x: Double, y: Double)]
    }

    /// The SVG document for `records`.
    ///
    /// - Parameter title: what the chart shows, usually the experiment; it is escaped.
    public static func svg(_ records: [TrialRecord], title: String? = nil) -> String {
        let ok = records.filter { $0.outcome == .ok }
        let strategies = RunSummary.ordered(ok.map(\.strategy.rawValue))
        let byStrategy = Dictionary(grouping: ok, by: \.strategy.rawValue)
        let rows = (panels.count + 1 + columns - 1) / columns
        let height = titleHeight + Double(rows) * cellHeight
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(format(width))" height="\(format(height))" \
            viewBox="0 0 \(format(width)) \(format(height))" font-family="Helvetica, Arial, sans-serif" font-size="13">
            <rect width="100%" height="100%" fill="#ffffff"/>

            """
        let heading = title.map { "What earlier models cost: \($0)" } ?? "What earlier models cost"
        svg += text(heading, x: width / 2, y: 30, size: 20, anchor: "middle", weight: "bold")
        for (index, phase) in panels.enumerated() {
            let series = strategies.map { strategy in
                Series(strategy: strategy, points: medians(byStrategy[strategy] ?? [], phase: phase))
            }
            let origin = (x: Double(index % columns) * cellWidth, y: titleHeight + Double(index / columns) * cellHeight)
            svg += panel(phase, series: series, origin: origin)
        }
        let legendIndex = panels.count
        svg += legend(strategies, origin: (
            x: Double(legendIndex % columns) * cellWidth, y: titleHeight + Double(legendIndex / columns) * cellHeight))
        return svg + "</svg>\n"
    }

    private static func medians(_ records: [TrialRecord], phase: Phase) -> [(x: Double, y: Double)] {
        Dictionary(grouping: records, by: \.trial)
            .compactMap { trial, records in
                Statistics.median(records.compactMap(phase.value(of:))).map { (x: Double(trial), y: $0) }
            }
            .sorted { $0.x < $1.x }
    }

    /// A y axis: linear with 1-2-5 ticks, or logarithmic with 1-2-5 ticks per decade.
    private struct YAxis {
        var lower: Double
        var upper: Double
        var ticks: [Double]
        var isLogarithmic: Bool
        var label: (Double) -> String

        /// Where `value` falls, from 0 at ``lower`` to 1 at ``upper``.
        func fraction(_ value: Double) -> Double {
            isLogarithmic
                ? (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
                : (value - lower) / (upper - lower)
        }

        static func linear(minimum: Double, maximum: Double) -> YAxis {
            let scale = NiceScale(minimum: minimum, maximum: maximum, ticks: 5)
            return YAxis(lower: scale.lower, upper: scale.upper, ticks: scale.ticks, isLogarithmic: false,
                         label: scale.label)
        }

        /// From the 1-2-5 value at or below `minimum` to the one at or above `maximum`
        /// (both positive), ticked at 1, 2 and 5 per decade when it spans at most two
        /// decades, at the powers of ten otherwise.
        static func logarithmic(minimum: Double, maximum: Double) -> YAxis {
            let candidates = (-12...12).flatMap { exponent in
                [1.0, 2, 5].map { $0 * pow(10, Double(exponent)) }
            }
            let lower = candidates.last { $0 <= minimum * 1.0001 } ?? minimum
            let upper = max(candidates.first { $0 >= maximum / 1.0001 } ?? maximum, lower * 2)
            let dense = log10(upper / lower) <= 2.0001
            let ticks = candidates.filter {
                $0 >= lower / 1.0001 && $0 <= upper * 1.0001
                    && (dense || abs(log10($0) - log10($0).rounded()) < 1e-9)
            }
            return YAxis(lower: lower, upper: upper, ticks: ticks, isLogarithmic: true, label: compact)
        }

        /// `value` with at most three significant digits and no trailing zeros: `0.05`, `2`, `10`.
        static func compact(_ value: Double) -> String {
            var text = String(format: "%.3g", value)
            if text.contains("e") { text = Units.number(value) }
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text
        }
    }

    /// How far apart the lines' medians must be for a time panel to switch to a log axis.
    static let logarithmicSpread = 20.0

    /// The y axis of a time panel whose values (in the panel's unit) are `ys` and whose
    /// lines have the medians `medians`, with the cap above which points are clipped.
    ///
    /// The log axis is kept for lines whose *levels* differ by more than
    /// ``logarithmicSpread`` (20×), not for one line that grows: a linear axis shows linear
    /// growth as a straight line, which is what a reader of no-clear's panel looks for.
    ///
    /// Two things make a linear axis useless to a reader. One line far above the others
    /// (a `process` run whose models cost milliseconds beside in-process microseconds)
    /// flattens every other line into the floor; then the axis is logarithmic, because
    /// only a log axis shows both levels *and* every line's relative growth, and the axis
    /// title says "log scale". A few single-trial spikes (a scheduler hiccup of 13 ms among
    /// 300 µs models) do the same with less excuse; then the linear axis stops at 1.15 ×
    /// the 98th percentile and the clipped points sit on the top edge, marked and counted
    /// in a note, so nothing is hidden.
    private static func timeAxis(ys: [Double], medians: [Double]) -> (axis: YAxis, cap: Double?) {
        let positive = medians.filter { $0 > 0 }
        if let low = positive.min(), let high = positive.max(), high / low > logarithmicSpread,
           let minimum = ys.filter({ $0 > 0 }).min(), let maximum = ys.max() {
            return (.logarithmic(minimum: minimum, maximum: maximum), nil)
        }
        let sorted = ys.sorted()
        let maximum = sorted.last ?? 0
        if sorted.count >= 20, let high = Statistics.quantile(sorted: sorted, 0.98), high > 0, maximum > 1.15 * high {
            // Clip at the axis' own top tick, so no tick lies above the clipped points.
            let axis = YAxis.linear(minimum: 0, maximum: 1.15 * high)
            return (axis, axis.upper)
        }
        return (.linear(minimum: 0, maximum: maximum), nil)
    }

    private static func panel(_ phase: Phase, series: [Series], origin: (x: Double, y: Double)) -> String {
        let all = series.flatMap(\.points)
        let maxX = all.map(\.x).max() ?? 1
        let unitName: String
        let scale: Double
        if phase.isMemory {
            unitName = "MiB"
            scale = Units.ByteUnit.mebibytes.bytes
        } else {
            let unit = Units.TimeUnit.readable(for: all.map(\.y).max() ?? 0)
            unitName = unit.rawValue
            scale = unit.seconds
        }
        let ys = all.map { $0.y / scale }
        let yAxis: YAxis
        var cap: Double?
        if phase.isMemory {
            yAxis = .linear(minimum: ys.min() ?? 0, maximum: ys.max() ?? 0)
        } else {
            let medians = series.compactMap { Statistics.median($0.points.map { $0.y / scale }) }
            (yAxis, cap) = timeAxis(ys: ys, medians: medians)
        }
        let xScale = NiceScale(minimum: 0, maximum: max(maxX, 1), ticks: 5)
        let plot = (
            left: origin.x + margin.left, right: origin.x + cellWidth - margin.right,
            top: origin.y + margin.top, bottom: origin.y + cellHeight - margin.bottom)
        func px(_ x: Double) -> Double {
            plot.left + (x - xScale.lower) / (xScale.upper - xScale.lower) * (plot.right - plot.left)
        }
        func py(_ y: Double) -> Double {
            let shown = yAxis.isLogarithmic ? max(y, yAxis.lower) : min(y, cap ?? y)
            return plot.bottom - yAxis.fraction(shown) * (plot.bottom - plot.top)
        }
        var svg = "<g class=\"panel\" data-phase=\"\(phase.rawValue)\">\n"
        svg += text(phase.title, x: (plot.left + plot.right) / 2, y: origin.y + 24, size: 15, anchor: "middle", weight: "bold")
        for tick in yAxis.ticks {
            let y = py(tick)
            svg += line(x1: plot.left, y1: y, x2: plot.right, y2: y, stroke: "#e4e4e4")
            svg += text(yAxis.label(tick), x: plot.left - 6, y: y + 4, size: 11, anchor: "end")
        }
        for tick in xScale.ticks {
            let x = px(tick)
            svg += line(x1: x, y1: plot.bottom, x2: x, y2: plot.bottom + 4, stroke: "#333333")
            svg += text(xScale.label(tick), x: x, y: plot.bottom + 17, size: 11, anchor: "middle")
        }
        svg += line(x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom, stroke: "#333333")
        svg += line(x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, stroke: "#333333")
        svg += text("Trial index", x: (plot.left + plot.right) / 2, y: plot.bottom + 38, size: 12, anchor: "middle")
        let yLabel = phase.isMemory
            ? "Resident memory (MiB)"
            : "Time per model (\(unitName)\(yAxis.isLogarithmic ? ", log scale" : ""))"
        let labelX = origin.x + 16
        let labelY = (plot.top + plot.bottom) / 2
        svg += "<text x=\"\(format(labelX))\" y=\"\(format(labelY))\" font-size=\"12\" text-anchor=\"middle\" "
            + "transform=\"rotate(-90 \(format(labelX)) \(format(labelY)))\">\(yLabel.xmlEscaped)</text>\n"
        if all.isEmpty {
            svg += text("no ok trials", x: (plot.left + plot.right) / 2, y: labelY, size: 12, anchor: "middle")
        }
        for line in series where !line.points.isEmpty {
            let points = line.points.map { "\(format(px($0.x))),\(format(py($0.y / scale)))" }.joined(separator: " ")
            svg += "<polyline class=\"series\" data-strategy=\"\(line.strategy.xmlEscaped)\" fill=\"none\" "
                + "stroke=\"\(StrategyPalette.colour(of: line.strategy))\" stroke-width=\"1.6\" "
                + "stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"\(points)\"/>\n"
        }
        if let cap {
            var clipped = 0
            for line in series {
                for point in line.points where point.y / scale > cap {
                    clipped += 1
                    let x = px(point.x)
                    svg += "<path class=\"clipped\" d=\"M\(format(x - 4)),\(format(plot.top + 6)) "
                        + "L\(format(x + 4)),\(format(plot.top + 6)) L\(format(x)),\(format(plot.top - 1)) Z\" "
                        + "fill=\"\(StrategyPalette.colour(of: line.strategy))\"/>\n"
                }
            }
            if clipped > 0 {
                let highest = (all.map(\.y).max() ?? 0)
                svg += text("▲ \(clipped) above the axis, up to \(Units.duration(highest))", x: plot.right, y: plot.top - 9,
                            size: 10, anchor: "end", fill: "#555555")
            }
        }
        return svg + "</g>\n"
    }

    private static func legend(_ strategies: [String], origin: (x: Double, y: Double)) -> String {
        var svg = "<g class=\"legend\">\n"
        let left = origin.x + margin.left
        svg += text("Strategies", x: left, y: origin.y + 24, size: 15, anchor: "start", weight: "bold")
        for (index, strategy) in strategies.enumerated() {
            let y = origin.y + 52 + Double(index) * 24
            svg += line(x1: left, y1: y - 4, x2: left + 30, y2: y - 4, stroke: StrategyPalette.colour(of: strategy), width: 4)
            svg += text(strategy, x: left + 40, y: y, size: 13, anchor: "start")
        }
        let noteY = origin.y + 52 + Double(max(strategies.count, 1)) * 24 + 8
        let notes = [
            "Lines: per trial index, the median over",
            "repeats of ok trials. With several workers,",
            "a trial's process ran only its own earlier",
            "trials; process ran each in a fresh one.",
            "▲ marks a point above a clipped axis.",
        ]
        for (index, note) in notes.enumerated() {
            svg += text(note, x: left, y: noteY + Double(index) * 15, size: 11, anchor: "start", fill: "#555555")
        }
        return svg + "</g>\n"
    }

    private static func text(_ content: String, x: Double, y: Double, size: Int, anchor: String,
                             weight: String = "normal", fill: String = "#222222") -> String {
        "<text x=\"\(format(x))\" y=\"\(format(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\" "
            + "font-weight=\"\(weight)\" fill=\"\(fill)\">\(content.xmlEscaped)</text>\n"
    }

    private static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1) -> String {
        "<line x1=\"\(format(x1))\" y1=\"\(format(y1))\" x2=\"\(format(x2))\" y2=\"\(format(y2))\" "
            + "stroke=\"\(stroke)\" stroke-width=\"\(format(width))\"/>\n"
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}

extension Chart {
    /// Where the chart of a records file goes: beside it, with its extension replaced by
    /// `.svg` (`results/classic.jsonl` → `results/classic.svg`).
    public static func path(besideRecords recordsPath: String) -> String {
        let url = URL(fileURLWithPath: recordsPath)
        let name = url.pathExtension.isEmpty ? url.lastPathComponent : url.deletingPathExtension().lastPathComponent
        let folder = (recordsPath as NSString).deletingLastPathComponent
        return folder.isEmpty ? name + ".svg" : folder + "/" + name + ".svg"
    }

    /// Writes the chart of `records` beside `recordsPath` (see ``path(besideRecords:)``).
    ///
    /// - Returns: the path written.
    /// - Throws: the file system's error when the file cannot be written.
    @discardableResult
    public static func write(_ records: [TrialRecord], besideRecords recordsPath: String, title: String? = nil) throws -> String {
        let path = path(besideRecords: recordsPath)
        try svg(records, title: title).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
