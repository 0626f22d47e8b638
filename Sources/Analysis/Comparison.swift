import Foundation
import TrialRecords

/// Two records files side by side: for each strategy present in both, how much slower or
/// faster B's models are than A's, with a bootstrap 95% confidence interval.
///
/// The ratio is `median(B total_s) / median(A total_s)` over `ok` trials. Its interval is
/// the percentile bootstrap: `resamples` times, both samples are resampled with
/// replacement and the ratio of their medians recorded; the interval runs from the 2.5%
/// to the 97.5% quantile (type 7) of those ratios. The generator is seeded (per strategy,
/// from `seed` and the strategy's name), so the same files always give the same interval.
/// A difference is significant when the interval excludes 1.
public struct Comparison: Sendable, Equatable {
    /// One strategy in both files.
    public struct Row: Sendable, Equatable {
        /// The strategy.
        public var strategy: Strategy
        /// `ok` trials in A.
        public var countA: Int
        /// `ok` trials in B.
        public var countB: Int
        /// Median `total_s` in A.
        public var medianA: Double
        /// Median `total_s` in B.
        public var medianB: Double
        /// The ratio's bootstrap 95% confidence interval.
        public var interval: Interval

        /// `medianB / medianA`.
        public var ratio: Double { medianB / medianA }

        /// Whether B differs from A: the interval excludes 1.
        public var isSignificant: Bool { !interval.contains(1) }
    }

    /// Strategies with `ok` trials in both files and a positive median in A, in report order.
    public var rows: [Row]
    /// Strategies in only one of the files, or without a ratio (no `ok` trials, or a zero median in A).
    public var notCompared: [Strategy]
    /// How many bootstrap resamples each interval used.
    public var resamples: Int
    /// Compared strategies whose files ran different numbers of trials per repeat, as
    /// `no-clear: A 20 trials, B 100`: under growth, the medians of runs of different
    /// lengths differ by construction, so their ratio is no like-for-like comparison.
    public var unlike: [String] = []

    /// The warning reports print when ``unlike`` is not empty.
    public var unlikeWarning: String? {
        guard !unlike.isEmpty else { return nil }
        return "Warning: the files ran different numbers of trials (" + unlike.joined(separator: "; ")
            + "); where models grow, a longer run has a higher median by construction. "
            + "Compare runs of the same length."
    }

    /// Compares `b` with `a`.
    ///
    /// - Parameters:
    ///   - resamples: bootstrap resamples per strategy, at least 1.
    ///   - seed: fixes the resampling.
    public init(a: [TrialRecord], b: [TrialRecord], resamples: Int = 2000, seed: UInt64 = 20_240_229) {
        precondition(resamples >= 1, "a bootstrap needs at least one resample, got \(resamples)")
        self.resamples = resamples
        func totals(_ records: [TrialRecord]) -> [Strategy: [Double]] {
            Dictionary(grouping: records.filter { $0.outcome == .ok }, by: \.strategy)
                .mapValues { $0.compactMap(\.totalSeconds) }
        }
        let totalsA = totals(a)
        let totalsB = totals(b)
        var rows: [Row] = []
        var notCompared: [Strategy] = []
        for strategy in RunSummary.ordered(a.map(\.strategy) + b.map(\.strategy)) {
            guard let xa = totalsA[strategy], let xb = totalsB[strategy],
                  let medianA = Statistics.median(xa), let medianB = Statistics.median(xb), medianA > 0
            else {
                notCompared.append(strategy)
                continue
            }
            var generator = SplitMix64(seed: seed ^ Self.hash(strategy.rawValue))
            var ratios: [Double] = []
            ratios.reserveCapacity(resamples)
            var bufferA = xa
            var bufferB = xb
            for _ in 0..<resamples {
                let resampledA = Self.medianOfResample(xa, into: &bufferA, using: &generator)
                let resampledB = Self.medianOfResample(xb, into: &bufferB, using: &generator)
                if resampledA > 0 { ratios.append(resampledB / resampledA) }
            }
            ratios.sort()
            guard let lower = Statistics.quantile(sorted: ratios, 0.025),
                  let upper = Statistics.quantile(sorted: ratios, 0.975)
            else {
                notCompared.append(strategy)
                continue
            }
            guard lower <= upper else {
                notCompared.append(strategy)
                continue
            }
            let interval = Interval(lower: lower, upper: upper)
            let trialsA = Self.trialsPerRepeat(a, strategy), trialsB = Self.trialsPerRepeat(b, strategy)
            if trialsA != trialsB {
                unlike.append("\(strategy): A \(String(format: "%g", trialsA)) trials, B \(String(format: "%g", trialsB))")
            }
            rows.append(Row(
                strategy: strategy, countA: xa.count, countB: xb.count, medianA: medianA, medianB: medianB,
                interval: interval))
        }
        self.rows = rows
        self.notCompared = notCompared
    }

    /// The median of a resample of `values` drawn with replacement into `buffer`
    /// (reused across resamples to spare an allocation each).
    private static func medianOfResample(
        _ values: [Double], into buffer: inout [Double], using generator: inout SplitMix64
    ) -> Double {
        let count = UInt64(values.count)
        for index in buffer.indices { buffer[index] = values[Int(generator.next(upperBound: count))] }
        buffer.sort()
        return Statistics.quantile(sorted: buffer, 0.5)!
    }

    /// Trials of `strategy` per repeat (and run) in `records`, whatever their outcome.
    private static func trialsPerRepeat(_ records: [TrialRecord], _ strategy: Strategy) -> Double {
        let mine = records.filter { $0.strategy == strategy }
        let sequences = Set(mine.map { "\($0.runID)/\($0.repeat)" }).count
        return Double(OutcomeCounts(mine).total) / Double(max(1, sequences))
    }

    private static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }
}
