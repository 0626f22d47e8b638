import Analysis
import TrialRecords

/// What the chart draws of one strategy in one file: per panel, its points (the median
/// at each x, or binned medians with their interquartile band for long runs) and its
/// trend line.
struct ChartSeries {
    /// One panel's data.
    struct Line {
        /// Medians, by ascending x.
        var points: [(x: Double, y: Double)] = []
        /// Per bin of a long run: x, first quartile, third quartile.
        var band: [(x: Double, low: Double, high: Double)] = []
        /// The fitted line, as its two ends.
        var trend: (from: (x: Double, y: Double), to: (x: Double, y: Double))?
    }

    var strategy: Strategy
    var summary: StrategySummary
    var lines: [Phase: Line]

    /// The series of every strategy in `records`, in report order.
    static func all(_ records: [TrialRecord]) -> [ChartSeries] {
        RunSummary(records: records).strategies.compactMap { summary in
            let ok = records.filter { $0.strategy == summary.strategy && $0.outcome == .ok }
            guard !ok.isEmpty else { return nil }
            var lines: [Phase: Line] = [:]
            for phase in Chart.panels {
                lines[phase] = line(ok, phase: phase, summary: summary)
            }
            return ChartSeries(strategy: summary.strategy, summary: summary, lines: lines)
        }
    }

    private static func line(_ ok: [TrialRecord], phase: Phase, summary: StrategySummary) -> Line {
        var byX: [Double: [Double]] = [:]
        for record in ok {
            guard let y = phase.value(of: record), y.isFinite else { continue }
            byX[ModelsCreated.x(of: record, axis: summary.growthAxis), default: []].append(y)
        }
        let xs = byX.keys.sorted()
        var line = Line()
        if xs.count > Chart.bandThreshold, let low = xs.first, let high = xs.last, high > low {
            let bins = 30
            let width = (high - low) / Double(bins)
            var binned = Array(repeating: [Double](), count: bins)
            var centres = Array(repeating: [Double](), count: bins)
            for (x, ys) in byX {
                let index = min(bins - 1, max(0, Int(((x - low) / width).rounded(.down).clamped(to: 0...Double(bins - 1)))))
                binned[index] += ys
                centres[index].append(x)
            }
            for index in 0..<bins where !binned[index].isEmpty {
                let sorted = binned[index].sorted()
                let x = centres[index].reduce(0, +) / Double(centres[index].count)
                line.points.append((x, Statistics.quantile(sorted: sorted, 0.5)!))
                line.band.append((x, Statistics.quantile(sorted: sorted, 0.25)!, Statistics.quantile(sorted: sorted, 0.75)!))
            }
        } else {
            line.points = xs.map { ($0, Statistics.median(byX[$0]!)!) }
        }
        if let fit = summary[phase].growth, let first = xs.first, let last = xs.last, last > first,
           fit.slope.isFinite, fit.intercept.isFinite {
            line.trend = ((first, fit.intercept + fit.slope * first), (last, fit.intercept + fit.slope * last))
        }
        return line
    }
}

extension Double {
    /// The value limited to `range`; NaN becomes the range's lower end.
    func clamped(to range: ClosedRange<Double>) -> Double {
        isNaN ? range.lowerBound : Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }
}
