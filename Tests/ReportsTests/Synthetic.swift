import Analysis
import Reports
import TrialRecords

/// Deterministic synthetic records shaped like real runs, for tests and chart reviews.
enum Synthetic {
    /// How one strategy behaves: per-phase cost of its first model and growth per model
    /// created before, relative noise, isolation cost and memory.
    struct Shape {
        var strategy: Strategy
        var create: Double = 0.002
        var fit: Double = 0.005
        var test: Double = 0.001
        /// Seconds added to every phase time, split 30/50/20, per model created before.
        var growth: Double = 0
        var noise: Double = 0.05
        var isolation: Double = 0
        var rss: Double = 80 * 1024 * 1024
        var rssGrowth: Double = 0
        var launch = Launch.inProcess
        /// Whether every trial runs in a process of its own, as under `process`.
        var freshProcess = false
    }

    /// The six strategies of a realistic run.
    static let realistic: [Shape] = [
        Shape(strategy: .noClear, growth: 0.00012, rssGrowth: 48 * 1024),
        Shape(strategy: .clear, isolation: 0.0004),
        Shape(strategy: .scopedSession, growth: 0.000004, isolation: 0.0001, rssGrowth: 2 * 1024),
        Shape(strategy: .scopedGraph, isolation: 0.0002),
        Shape(strategy: .process, create: 0.0015, fit: 0.004, test: 0.0008, isolation: 0.150,
              rss: 40 * 1024 * 1024, launch: .exec, freshProcess: true),
        Shape(strategy: .pool, create: 0.0016, fit: 0.0042, test: 0.0009, isolation: 0.003,
              rss: 42 * 1024 * 1024, launch: .forkServer),
    ]

    /// `trials` records per repeat of every shape.
    static func records(_ shapes: [Shape] = realistic, trials: Int = 100, repeats: Int = 1,
                        seed: UInt64 = 7) -> [TrialRecord] {
        var generator = SplitMix64(seed: seed)
        var records: [TrialRecord] = []
        for (number, shape) in shapes.enumerated() {
            for `repeat` in 0..<repeats {
                for trial in 0..<trials {
                    func noisy(_ value: Double) -> Double {
                        value * (1 + shape.noise * Double.random(in: -1...1, using: &generator))
                    }
                    let k = Double(trial)
                    let create = noisy(shape.create + 0.3 * shape.growth * k)
                    let fit = noisy(shape.fit + 0.5 * shape.growth * k)
                    let test = noisy(shape.test + 0.2 * shape.growth * k)
                    let rss = shape.rss + shape.rssGrowth * k + 64 * 1024 * Double.random(in: -1...1, using: &generator)
                    var record = TrialRecord(
                        runID: "5y57e71c5y57e71c", experiment: "synthetic", strategy: shape.strategy, trial: trial,
                        repeat: `repeat`, worker: "local",
                        pid: shape.freshProcess
                            ? Int32(100_000 + number * 10_000 + `repeat` * trials + trial)
                            : Int32(1000 + number * 10 + `repeat`),
                        host: "test-host", launch: shape.launch, startedAt: "2026-12-03T12:00:00.000000Z",
                        modelsBefore: shape.freshProcess ? 0 : trial)
                    record.createSeconds = create
                    record.fitSeconds = fit
                    record.testSeconds = test
                    record.totalSeconds = create + fit + test
                    record.isolationSeconds = noisy(shape.isolation)
                    record.wallSeconds = create + fit + test + shape.isolation
                    record.rssBytes = Int(rss)
                    record.peakRSSBytes = Int(rss)
                    record.graphNodes = 10 * (trial + 1)
                    record.liveVariables = 4
                    records.append(record)
                }
            }
        }
        return records
    }

    /// A record of `strategy` with only the fields a test cares about.
    static func record(_ strategy: String = "clear", trial: Int = 0, total: Double = 0.01, pid: Int32 = 1,
                       repeat: Int = 0, outcome: Outcome = .ok, modelsBefore: Int? = nil) -> TrialRecord {
        var record = TrialRecord(
            runID: "0000000000000001", experiment: "x", strategy: Strategy(rawValue: strategy), trial: trial, repeat: `repeat`,
            worker: "local", pid: pid, host: "h", launch: .inProcess, startedAt: "2026-12-03T12:00:00.000000Z",
            modelsBefore: modelsBefore ?? trial, outcome: outcome, reason: outcome == .ok ? nil : "boom")
        if outcome == .ok {
            record.createSeconds = 0.3 * total
            record.fitSeconds = 0.5 * total
            record.testSeconds = 0.2 * total
            record.totalSeconds = total
            record.isolationSeconds = 0
            record.rssBytes = 1000
        }
        return record
    }
}
