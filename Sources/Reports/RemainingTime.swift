import Analysis

/// The time left in one strategy's trials, estimated from the trials so far *with
/// their growth*: under no-clear each model costs more than the last, so a linear ETA
/// (trials left ÷ rate so far) always promises too early an end.
///
/// Each finished trial adds its cost `y` at its position `i` (0, 1, 2, ... in the order
/// trials finished); a least-squares line `y = a + b·i` through them predicts the cost
/// of every trial left, and their sum `Σ_{i=done}^{planned-1} max(0, a + b·i)` is scaled
/// by how much wall time the run spent per second of trial cost so far (workers in
/// parallel spend less). With fewer than ``minimumForGrowth`` trials, or a falling line,
/// the estimate is the linear one.
public struct RemainingTime: Sendable, Equatable {
    /// Trials needed before a growth is fitted.
    public static let minimumForGrowth = 5

    private var count = 0.0
    private var sumI = 0.0, sumY = 0.0, sumII = 0.0, sumIY = 0.0

    /// No trials yet.
    public init() {}

    /// Adds the cost of the next finished trial, in seconds; a value that is not finite
    /// or negative is ignored.
    public mutating func add(seconds: Double) {
        guard seconds.isFinite, seconds >= 0 else { return }
        let i = count
        count += 1
        sumI += i
        sumY += seconds
        sumII += i * i
        sumIY += i * seconds
    }

    /// Seconds of wall time left until `planned` trials are done, having taken
    /// `elapsed` seconds for `done` so far; nil when nothing is known yet.
    public func remaining(done: Int, planned: Int, elapsed: Double) -> Double? {
        guard done > 0, elapsed > 0, count > 0, sumY > 0 else { return nil }
        let left = Double(max(0, planned - done))
        let wallPerCost = elapsed / sumY
        let mean = sumY / count
        var slope = 0.0
        let sxx = sumII - sumI * sumI / count
        if count >= Double(Self.minimumForGrowth), sxx > 0 {
            slope = max(0, (sumIY - sumI * sumY / count) / sxx)
        }
        let intercept = mean - slope * sumI / count
        // Σ over the positions left, from `count` (the next trial) to `count + left - 1`.
        let first = count, last = count + left - 1
        let cost = left * intercept + slope * (first + last) * left / 2
        let seconds = max(0, cost) * wallPerCost
        return seconds.isFinite ? seconds : nil
    }
}
