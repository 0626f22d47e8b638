import Analysis
import Foundation
import TrialRecords

/// The classic chart as standalone SVG, drawn by hand: five panels of time per model
/// (creation, fitting, testing, total, and the whole cost with isolation) and one of
/// resident memory, each against the models its process created before (the record's
/// `models_before`: the classic chart's axis), one colour per strategy, and a legend.
///
/// Per strategy a panel draws the median at each x over repeats and processes, and its
/// fitted trend line (the steady-state growth fit, whose slope per model the legend
/// gives). A strategy with more than ``bandThreshold`` distinct x is drawn as a median
/// line over bins with its interquartile band, instead of a raw line too noisy to read.
/// A strategy that ran each trial in a fresh process (`process`) is drawn against its
/// trial index, since its `models_before` is always 0. With a `baseline` (file A of a
/// comparison) the chart overlays A, dashed, under B. Time panels switch to a log axis
/// or clip spikes (see ``ChartAxis``). The output is well-formed XML: all text is escaped,
/// and any value a records file may hold (huge, negative, not finite) draws without trapping.
///
/// ```swift
/// let svg = Chart.svg(records, title: "classic")
/// try svg.write(toFile: "results/classic.svg", atomically: true, encoding: .utf8)
/// ```
public enum Chart {
    /// The chart's width in pixels.
    public static let width = 1200.0
    /// Above this many distinct x, a strategy is drawn as binned medians with a band.
    public static let bandThreshold = 60
    static let columns = 3
    static let cellWidth = width / Double(columns)
    static let cellHeight = 340.0
    static let titleHeight = 48.0
    static let margin = (left: 70.0, right: 18.0, top: 52.0, bottom: 50.0)
    static let panels: [Phase] = [.create, .fit, .test, .total, .cost, .rss]

    /// Two files of a comparison, named for the legend.
    public struct Overlay: Sendable {
        /// The records of file A, drawn dashed.
        public var baseline: [TrialRecord]
        /// How to name A and B (usually their paths).
        public var names: (a: String, b: String)

        /// - Parameters:
        ///   - baseline: the records of file A.
        ///   - names: how the legend names A and B.
        public init(baseline: [TrialRecord], names: (a: String, b: String)) {
            self.baseline = baseline
            self.names = names
        }
    }

    /// The SVG document for `records`.
    ///
    /// - Parameters:
    ///   - title: what the chart shows, usually the experiment; it is escaped.
    ///   - overlay: file A of a comparison, drawn dashed under `records` (file B).
    public static func svg(_ records: [TrialRecord], title: String? = nil, overlay: Overlay? = nil) -> String {
        let main = ChartSeries.all(records)
        let baseline = overlay.map { ChartSeries.all($0.baseline) } ?? []
        let strategies = RunSummary.ordered(main.map(\.strategy) + baseline.map(\.strategy))
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
            let origin = (x: Double(index % columns) * cellWidth, y: titleHeight + Double(index / columns) * cellHeight)
            svg += panel(phase, main: main, baseline: baseline, origin: origin)
        }
        let legendIndex = panels.count
        svg += legend(strategies, series: main, overlay: overlay, origin: (
            x: Double(legendIndex % columns) * cellWidth, y: titleHeight + Double(legendIndex / columns) * cellHeight))
        return svg + "</svg>\n"
    }

    static func text(_ content: String, x: Double, y: Double, size: Int, anchor: String,
                     weight: String = "normal", fill: String = "#222222") -> String {
        "<text x=\"\(format(x))\" y=\"\(format(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\" "
            + "font-weight=\"\(weight)\" fill=\"\(fill)\">\(content.xmlEscaped)</text>\n"
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
                     attributes: String = "") -> String {
        "<line \(attributes)x1=\"\(format(x1))\" y1=\"\(format(y1))\" x2=\"\(format(x2))\" y2=\"\(format(y2))\" "
            + "stroke=\"\(stroke)\" stroke-width=\"\(format(width))\"/>\n"
    }

    /// A coordinate with one decimal; anything not finite is drawn at 0.
    static func format(_ value: Double) -> String {
        String(format: "%.1f", value.isFinite ? min(max(value, -1e7), 1e7) : 0)
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
