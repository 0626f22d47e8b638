import Analysis
import TrialRecords

extension Chart {
    /// The legend: per strategy its colour and the slope of its cost per model (the cost
    /// panel's trend line) with what that slope is called; then how to read the chart.
    static func legend(_ strategies: [Strategy], series: [ChartSeries], overlay: Overlay?,
                       origin: (x: Double, y: Double)) -> String {
        var svg = "<g class=\"legend\">\n"
        let left = origin.x + margin.left - 40
        svg += text("Strategies: cost slope per model", x: left, y: origin.y + 24, size: 15, anchor: "start", weight: "bold")
        for (index, strategy) in strategies.enumerated() {
            let y = origin.y + 50 + Double(index) * 22
            svg += line(x1: left, y1: y - 4, x2: left + 26, y2: y - 4, stroke: StrategyPalette.colour(of: strategy), width: 4)
            var label = strategy.rawValue
            if let summary = series.first(where: { $0.strategy == strategy })?.summary {
                let cost = summary[.cost]
                let per = summary.growthAxis == .trialIndex ? "trial" : "model"
                if cost.growth != nil { label += "  \(cost.formattedSlope)/\(per) (\(cost.call.rawValue))" }
            }
            svg += text(label, x: left + 34, y: y, size: 12, anchor: "start")
        }
        var notes = [
            "x: models its process created before it",
            "(process: trial index). Lines: medians per x",
            "over repeats and processes; long runs: binned",
            "medians with their interquartile band.",
            "Straight lines: fitted trend (steady state).",
            "▲ marks a point above a clipped axis.",
        ]
        if let overlay {
            notes += ["Solid: B = \(overlay.names.b)", "Dashed: A = \(overlay.names.a)"]
        }
        let noteY = origin.y + 50 + Double(max(strategies.count, 1)) * 22 + 6
        for (index, note) in notes.enumerated() {
            svg += text(note, x: left, y: noteY + Double(index) * 14, size: 11, anchor: "start", fill: "#555555")
        }
        return svg + "</g>\n"
    }
}
