import Foundation
import TrialRecords

/// The classic chart as standalone SVG, drawn by hand: four panels of time per model
/// (creation, fitting, testing, total) and one of resident memory, each against models
/// created before, one coloured line per strategy, and a legend.
///
/// Each line plots, per trial index, the median over repeats of the strategy's `ok`
/// trials. Every panel picks a readable unit (µs, ms or s; MiB for memory) and 1-2-5
/// ticks. The output is well-formed XML: all text is escaped.
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
    private static let margin = (left: 70.0, right: 18.0, top: 40.0, bottom: 50.0)
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
        let strategies = RunSummary.ordered(ok.map(\.strategy))
        let byStrategy = Dictionary(grouping: ok, by: \.strategy)
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
            .map { trial, records in (x: Double(trial), y: Statistics.median(records.map(phase.value(of:)))!) }
            .sorted { $0.x < $1.x }
    }

    private static func panel(_ phase: Phase, series: [Series], origin: (x: Double, y: Double)) -> String {
        let all = series.flatMap(\.points)
        let maxX = all.map(\.x).max() ?? 1
        let ys = all.map(\.y)
        let unitName: String
        let scale: Double
        if phase.isMemory {
            unitName = "MiB"
            scale = Units.ByteUnit.mebibytes.bytes
        } else {
            let unit = Units.TimeUnit.readable(for: ys.max() ?? 0)
            unitName = unit.rawValue
            scale = unit.seconds
        }
        let low = phase.isMemory ? (ys.min() ?? 0) / scale : 0
        let yScale = NiceScale(minimum: low, maximum: (ys.max() ?? 0) / scale, ticks: 5)
        let xScale = NiceScale(minimum: 0, maximum: max(maxX, 1), ticks: 5)
        let plot = (
            left: origin.x + margin.left, right: origin.x + cellWidth - margin.right,
            top: origin.y + margin.top, bottom: origin.y + cellHeight - margin.bottom)
        func px(_ x: Double) -> Double {
            plot.left + (x - xScale.lower) / (xScale.upper - xScale.lower) * (plot.right - plot.left)
        }
        func py(_ y: Double) -> Double {
            plot.bottom - (y - yScale.lower) / (yScale.upper - yScale.lower) * (plot.bottom - plot.top)
        }
        var svg = "<g class=\"panel\" data-phase=\"\(phase.rawValue)\">\n"
        svg += text(phase.title, x: (plot.left + plot.right) / 2, y: origin.y + 24, size: 15, anchor: "middle", weight: "bold")
        for tick in yScale.ticks {
            let y = py(tick)
            svg += line(x1: plot.left, y1: y, x2: plot.right, y2: y, stroke: "#e4e4e4")
            svg += text(yScale.label(tick), x: plot.left - 6, y: y + 4, size: 11, anchor: "end")
        }
        for tick in xScale.ticks {
            let x = px(tick)
            svg += line(x1: x, y1: plot.bottom, x2: x, y2: plot.bottom + 4, stroke: "#333333")
            svg += text(xScale.label(tick), x: x, y: plot.bottom + 17, size: 11, anchor: "middle")
        }
        svg += line(x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom, stroke: "#333333")
        svg += line(x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, stroke: "#333333")
        svg += text("Models created before", x: (plot.left + plot.right) / 2, y: plot.bottom + 38, size: 12, anchor: "middle")
        let yLabel = phase.isMemory ? "Resident memory (MiB)" : "Time per model (\(unitName))"
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
        svg += text("Lines: median over repeats of ok trials,", x: left, y: noteY, size: 11, anchor: "start", fill: "#555555")
        svg += text("per number of models created before.", x: left, y: noteY + 15, size: 11, anchor: "start", fill: "#555555")
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
