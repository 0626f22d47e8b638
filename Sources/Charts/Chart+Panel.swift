import Analysis

extension Chart {
    /// One panel: axes, then per strategy the baseline (dashed), the band, the line and
    /// the trend of `main`.
    static func panel(_ phase: Phase, main: [ChartSeries], baseline: [ChartSeries],
                      origin: (x: Double, y: Double)) -> String {
        let lines = (main + baseline).compactMap { $0.lines[phase] }
        let all = lines.flatMap(\.points) + lines.flatMap(\.band).flatMap { [(x: $0.x, y: $0.low), (x: $0.x, y: $0.high)] }
        let maxX = all.map(\.x).filter(\.isFinite).max() ?? 1
        let (unitName, scale) = unit(phase, maximum: all.map(\.y).filter(\.isFinite).max() ?? 0)
        let ys = all.map { $0.y / scale }.filter(\.isFinite)
        let yAxis: ChartAxis
        var cap: Double?
        if phase.isMemory {
            yAxis = .linear(minimum: ys.min() ?? 0, maximum: ys.max() ?? 0)
        } else {
            let medians = main.compactMap { Statistics.median(($0.lines[phase]?.points ?? []).map { $0.y / scale }) }
            (yAxis, cap) = ChartAxis.time(ys: ys, medians: medians)
        }
        let xScale = NiceScale(minimum: 0, maximum: max(maxX, 1), ticks: 5)
        let plot = (
            left: origin.x + margin.left, right: origin.x + cellWidth - margin.right,
            top: origin.y + margin.top, bottom: origin.y + cellHeight - margin.bottom)
        func px(_ x: Double) -> Double {
            plot.left + ((x - xScale.lower) / (xScale.upper - xScale.lower)).clamped(to: 0...1) * (plot.right - plot.left)
        }
        func py(_ y: Double) -> Double {
            plot.bottom - yAxis.fraction(min(y / scale, cap ?? .infinity)) * (plot.bottom - plot.top)
        }
        var svg = "<g class=\"panel\" data-phase=\"\(phase.rawValue)\">\n"
        svg += text(phase.title, x: (plot.left + plot.right) / 2, y: origin.y + 24, size: 15, anchor: "middle", weight: "bold")
        for tick in yAxis.ticks {
            let y = plot.bottom - yAxis.fraction(tick) * (plot.bottom - plot.top)
            svg += line(x1: plot.left, y1: y, x2: plot.right, y2: y, stroke: "#e4e4e4")
            svg += text(yAxis.label(tick), x: plot.left - 6, y: y + 4, size: 11, anchor: "end")
        }
        for tick in xScale.ticks {
            svg += line(x1: px(tick), y1: plot.bottom, x2: px(tick), y2: plot.bottom + 4, stroke: "#333333")
            svg += text(xScale.label(tick), x: px(tick), y: plot.bottom + 17, size: 11, anchor: "middle")
        }
        svg += line(x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom, stroke: "#333333")
        svg += line(x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, stroke: "#333333")
        svg += text("Models created before in its process", x: (plot.left + plot.right) / 2, y: plot.bottom + 38,
                    size: 12, anchor: "middle")
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
        for series in baseline {
            guard let data = series.lines[phase], !data.points.isEmpty else { continue }
            svg += "<polyline class=\"baseline\" data-strategy=\"\(series.strategy.rawValue.xmlEscaped)\" fill=\"none\" "
                + "stroke=\"\(StrategyPalette.colour(of: series.strategy))\" stroke-width=\"1.4\" "
                + "stroke-dasharray=\"5 3\" opacity=\"0.7\" points=\"\(polyline(data.points, px, py))\"/>\n"
        }
        for series in main {
            guard let data = series.lines[phase], !data.points.isEmpty else { continue }
            let colour = StrategyPalette.colour(of: series.strategy)
            if !data.band.isEmpty {
                let outline = data.band.map { (x: $0.x, y: $0.high) } + data.band.reversed().map { (x: $0.x, y: $0.low) }
                svg += "<polygon class=\"band\" data-strategy=\"\(series.strategy.rawValue.xmlEscaped)\" fill=\"\(colour)\" "
                    + "fill-opacity=\"0.18\" stroke=\"none\" points=\"\(polyline(outline, px, py))\"/>\n"
            }
            svg += "<polyline class=\"series\" data-strategy=\"\(series.strategy.rawValue.xmlEscaped)\" fill=\"none\" "
                + "stroke=\"\(colour)\" stroke-width=\"1.6\" stroke-linejoin=\"round\" stroke-linecap=\"round\" "
                + "points=\"\(polyline(data.points, px, py))\"/>\n"
            if let trend = data.trend {
                svg += line(x1: px(trend.from.x), y1: py(trend.from.y), x2: px(trend.to.x), y2: py(trend.to.y),
                            stroke: colour, width: 2.4,
                            attributes: "class=\"trend\" data-strategy=\"\(series.strategy.rawValue.xmlEscaped)\" opacity=\"0.55\" ")
            }
        }
        if let cap { svg += clippedMarks(main, phase: phase, cap: cap, scale: scale, px: px, top: plot.top, right: plot.right) }
        return svg + "</g>\n"
    }

    private static func unit(_ phase: Phase, maximum: Double) -> (name: String, scale: Double) {
        if phase.isMemory { return ("MiB", Units.ByteUnit.mebibytes.bytes) }
        let unit = Units.TimeUnit.readable(for: maximum)
        return (unit.rawValue, unit.seconds)
    }

    private static func polyline(_ points: [(x: Double, y: Double)], _ px: (Double) -> Double,
                                 _ py: (Double) -> Double) -> String {
        points.map { "\(format(px($0.x))),\(format(py($0.y)))" }.joined(separator: " ")
    }

    private static func clippedMarks(_ main: [ChartSeries], phase: Phase, cap: Double, scale: Double,
                                     px: (Double) -> Double, top: Double, right: Double) -> String {
        var svg = ""
        var clipped = 0
        var highest = 0.0
        for series in main {
            for point in series.lines[phase]?.points ?? [] where point.y / scale > cap {
                clipped += 1
                highest = max(highest, point.y)
                let x = px(point.x)
                svg += "<path class=\"clipped\" d=\"M\(format(x - 4)),\(format(top + 6)) "
                    + "L\(format(x + 4)),\(format(top + 6)) L\(format(x)),\(format(top - 1)) Z\" "
                    + "fill=\"\(StrategyPalette.colour(of: series.strategy))\"/>\n"
            }
        }
        guard clipped > 0 else { return "" }
        return svg + text("▲ \(clipped) above the axis, up to \(Units.duration(highest))", x: right, y: top - 9,
                          size: 10, anchor: "end", fill: "#555555")
    }
}
