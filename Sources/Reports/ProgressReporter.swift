import Analysis
import Synchronization
import TrialRecords

/// Live progress of a run, told each finished record and writing to an injected sink.
///
/// - On a terminal: one live line per strategy that has started, redrawn in place
///   (carriage return and cursor-up), each with trials done of planned, rate, elapsed and
///   remaining time; redrawn at most every ``terminalInterval``, and always when a
///   strategy completes.
/// - Not on a terminal: a plain line at most every `interval` (default 5 s), then a final
///   line from ``finish()``.
/// - Quiet: nothing at all.
///
/// Thread-safe: records may arrive from a run's thread while another thread finishes.
///
/// ```swift
/// let progress = ProgressReporter(
///     planned: [("no-clear", 100), ("clear", 100)],
///     mode: .automatic(isTerminal: isatty(2) != 0),
///     sink: { FileHandle.standardError.write(Data($0.utf8)) })
/// let result = try run.run(signals: signals) { progress.record($0) }
/// progress.finish()
/// ```
public final class ProgressReporter: Sendable {
    /// How progress is shown.
    public enum Mode: Sendable, Equatable {
        /// Live lines redrawn in place: the sink is a terminal.
        case terminal
        /// Plain lines, at most one per `every`: the sink is a file or a pipe.
        case lines(every: Duration)
        /// Nothing.
        case quiet

        /// `.terminal` when `isTerminal`, otherwise plain lines every 5 seconds.
        public static func automatic(isTerminal: Bool) -> Mode {
            isTerminal ? .terminal : .lines(every: .seconds(5))
        }
    }

    /// The shortest time between two redraws on a terminal.
    public static let terminalInterval = Duration.milliseconds(100)

    private struct TrialKey: Hashable {
        var `repeat`: Int
        var trial: Int
    }

    private struct Strategy {
        var name: String
        var planned: Int
        /// The (repeat, trial) pairs finished: a trial retried after its worker was lost
        /// sends two records but is one trial.
        /// Whether each finished trial's last attempt ended ok.
        var finishedTrials: [TrialKey: Bool] = [:]
        var done: Int { finishedTrials.count }
        var notOK: Int { finishedTrials.values.filter { !$0 }.count }
        var remaining = RemainingTime()
        var started: Duration?
        var finished: Duration?

        /// Counts `record`'s trial as finished at `time`.
        ///
        /// - Returns: whether that completed the strategy.
        mutating func count(_ record: TrialRecord, at time: Duration) -> Bool {
            if started == nil {
                let spent = record.wallSeconds ?? ((record.totalSeconds ?? 0) + (record.isolationSeconds ?? 0))
                started = max(.zero, time - .seconds(spent))
            }
            finishedTrials[TrialKey(repeat: record.repeat, trial: record.trial)] = record.outcome == .ok
            if record.outcome == .ok, let spent = record.wallSeconds ?? Phase.cost.value(of: record) {
                remaining.add(seconds: spent)
            }
            let completed = finished == nil && done == planned
            if completed { finished = time }
            return completed
        }
    }

    private struct State {
        var strategies: [Strategy]
        var lastWrite: Duration?
        var linesDrawn = 0
        var finished = false
    }

    private let mode: Mode
    private let sink: @Sendable (String) -> Void
    private let now: @Sendable () -> Duration
    private let state: Mutex<State>

    /// Creates a reporter for a run of `planned` trials per strategy.
    ///
    /// - Parameters:
    ///   - planned: trials planned per strategy (all repeats), in the order to show them.
    ///   - mode: how to show progress; the caller decides whether its sink is a terminal.
    ///   - sink: receives the text to write, exactly as it should appear (no newline added).
    ///   - now: the time since some fixed origin; defaults to a continuous clock started now.
    public init(
        planned: [(strategy: String, trials: Int)], mode: Mode,
        sink: @escaping @Sendable (String) -> Void,
        now: (@Sendable () -> Duration)? = nil
    ) {
        self.mode = mode
        self.sink = sink
        if let now {
            self.now = now
        } else {
            let origin = ContinuousClock.now
            self.now = { ContinuousClock.now - origin }
        }
        state = Mutex(State(strategies: planned.map { Strategy(name: $0.strategy, planned: $0.trials) }))
    }

    /// Counts `record`'s trial as finished and updates the display when it is time to.
    ///
    /// Trials are counted once per (repeat, trial), so a retried trial is not counted
    /// twice, and counted "not ok" when its last attempt did not end `ok`. A record of a
    /// strategy not in the plan is added with its planned count unknown (0).
    public func record(_ record: TrialRecord) {
        guard mode != .quiet else { return }
        let time = now()
        let text: String? = state.withLock { state in
            guard !state.finished else { return nil }
            let index = state.strategies.firstIndex { $0.name == record.strategy.rawValue } ?? {
                state.strategies.append(Strategy(name: record.strategy.rawValue, planned: 0))
                return state.strategies.count - 1
            }()
            // In place: a copy of the strategy would copy its set of finished trials at every record.
            let completed = state.strategies[index].count(record, at: time)
            return render(&state, at: time, force: completed)
        }
        if let text { sink(text) }
    }

    /// Writes the final state (a last redraw and a newline on a terminal, a summary line
    /// otherwise); later records and calls are ignored.
    public func finish() {
        guard mode != .quiet else { return }
        let time = now()
        let text: String? = state.withLock { state in
            guard !state.finished else { return nil }
            state.finished = true
            switch mode {
            case .terminal:
                return (render(&state, at: time, force: true) ?? "") + "\n"
            case .lines:
                let done = state.strategies.reduce(0) { $0 + $1.done }
                let planned = state.strategies.reduce(0) { $0 + $1.planned }
                let notOK = state.strategies.reduce(0) { $0 + $1.notOK }
                let problems = notOK > 0 ? ", \(notOK) not ok" : ""
                return "done: \(done)/\(planned) trials\(problems) in \(Units.clock(seconds(time)))\n"
            case .quiet:
                return nil
            }
        }
        if let text { sink(text) }
    }

    private func render(_ state: inout State, at time: Duration, force: Bool) -> String? {
        switch mode {
        case .quiet:
            return nil
        case .lines(let every):
            if let last = state.lastWrite, time - last < every { return nil }
            state.lastWrite = time
            return plainLine(state.strategies, at: time) + "\n"
        case .terminal:
            if !force, let last = state.lastWrite, time - last < Self.terminalInterval { return nil }
            state.lastWrite = time
            let lines = state.strategies.filter { $0.started != nil }.map { liveLine($0, at: time) }
            let up = state.linesDrawn > 1 ? "\u{1B}[\(state.linesDrawn - 1)A" : ""
            state.linesDrawn = lines.count
            return "\r" + up + lines.map { "\u{1B}[2K" + $0 }.joined(separator: "\n")
        }
    }

    private func plainLine(_ strategies: [Strategy], at time: Duration) -> String {
        let done = strategies.reduce(0) { $0 + $1.done }
        let planned = strategies.reduce(0) { $0 + $1.planned }
        let elapsed = seconds(time)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        // Each started strategy by its own growth; those not started yet at the run's rate.
        var left = 0.0
        for strategy in strategies {
            if strategy.done > 0, let started = strategy.started {
                let spent = seconds((strategy.finished ?? time) - started)
                left += strategy.remaining.remaining(done: strategy.done, planned: strategy.planned, elapsed: spent) ?? 0
            } else if rate > 0 {
                left += Double(strategy.planned) / rate
            }
        }
        let remaining = rate > 0 ? Units.clock(left) : "?"
        let parts = strategies.filter { $0.done > 0 && $0.done < $0.planned }.map { "\($0.name) \($0.done)/\($0.planned)" }
        let running = parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
        return "progress: \(done)/\(planned) trials\(running), \(Units.number(rate))/s, "
            + "elapsed \(Units.clock(elapsed)), remaining ~\(remaining)"
    }

    private func liveLine(_ strategy: Strategy, at time: Duration) -> String {
        let end = strategy.finished ?? time
        let elapsed = seconds(end - (strategy.started ?? end))
        let rate = elapsed > 0 ? Double(strategy.done) / elapsed : 0
        let name = strategy.name.padding(toLength: 16, withPad: " ", startingAt: 0)
        let count = "\(strategy.done)/\(strategy.planned)"
        let problems = strategy.notOK > 0 ? "  \(strategy.notOK) not ok" : ""
        if strategy.finished != nil {
            return "\(name) \(count) done in \(Units.clock(elapsed)), \(Units.number(rate))/s\(problems)"
        }
        let remaining = strategy.remaining.remaining(done: strategy.done, planned: strategy.planned, elapsed: elapsed)
            .map(Units.clock) ?? "?"
        return "\(name) \(count)  \(Units.number(rate))/s  elapsed \(Units.clock(elapsed))  "
            + "remaining ~\(remaining)\(problems)"
    }

    private func seconds(_ duration: Duration) -> Double {
        let components = duration.components
        return Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
