import TrialRecords

/// What a collector holds, run by run: the key of every record it stored (to
/// store each record once, however often it is sent) and which runs have ended.
///
/// Pure bookkeeping, no socket: the ``Collector`` asks it before writing.
/// Memory grows with the records held, which is what it takes to recognise a
/// record sent again at any time: about a bit a record, as a run numbers its
/// trials from 0 (``TrialSet``).
public struct ReceivedRecords: Sendable {
    /// The records of one run that share a strategy, repeat and attempt:
    /// their trial indices tell them apart.
    private struct Group: Hashable, Sendable {
        /// The strategy's number in its run (``Run/strategies``).
        var strategy: Int
        var `repeat`: Int
        var attempt: Int
    }

    private struct Run: Sendable {
        /// Trials held, by group: a run's trials are numbered from 0, so each
        /// group's are dense and cost about a bit each (``TrialSet``).
        var groups: [Group: TrialSet] = [:]
        /// The number of each strategy its records named, in order of appearance.
        var strategies: [Strategy: Int] = [:]
        /// The last key's strategy and its number: records come a stage at a time.
        var lastStrategy: (strategy: Strategy, number: Int)?
        var ended = false

        /// Records held.
        var stored: Int { groups.values.reduce(0) { $0 + $1.count } }

        /// Notes `key`; false when it is held already.
        mutating func insert(_ key: RecordKey) -> Bool {
            let number: Int
            if let lastStrategy, lastStrategy.strategy == key.strategy {
                number = lastStrategy.number
            } else {
                number = strategies[key.strategy] ?? strategies.count
                strategies[key.strategy] = number
                lastStrategy = (key.strategy, number)
            }
            let group = Group(strategy: number, repeat: key.repeat, attempt: key.attempt)
            return groups[group, default: TrialSet()].insert(key.trial)
        }
    }

    /// What an `end` came to.
    public enum EndCheck: Equatable, Sendable {
        /// The run's `end` is taken and its count agrees.
        case agrees
        /// The run's `end` is taken, but it claims another count than the records held.
        case disagrees(claimed: Int, stored: Int)
        /// The run had ended already: an `end` sent again.
        case alreadyEnded
        /// No `open` and no record of that run arrived: the `end` is ignored.
        case unknownRun
    }

    /// Every run known, in the order it became known, and where each is.
    private var runs: [Run] = []
    private var positions: [String: Int] = [:]
    /// The run of the last key inserted: records come run by run, so most
    /// keys find their run without hashing its id.
    private var lastRun: (id: String, position: Int)?

    /// Runs whose first `end` arrived.
    public private(set) var endedRuns = 0

    /// An empty table.
    public init() {}

    /// The table of the records already in a file: a collector restarted on
    /// its file does not store them again.
    public init(existing records: some Sequence<TrialRecord>) {
        for record in records { _ = insert(RecordKey(record)) }
    }

    /// Records held of `runID`.
    public func count(of runID: String) -> Int {
        positions[runID].map { runs[$0].stored } ?? 0
    }

    /// Whether `runID` said `open` or sent a record.
    public func knows(_ runID: String) -> Bool {
        positions[runID] != nil
    }

    /// Runs known, ended or not.
    public var knownRuns: Int { runs.count }

    /// Notes a run's `open`.
    public mutating func open(_ runID: String) {
        _ = place(runID)
    }

    /// Notes a record's key; false when that record is held already.
    public mutating func insert(_ key: RecordKey) -> Bool {
        let position: Int
        if let lastRun, lastRun.id == key.runID {
            position = lastRun.position
        } else {
            position = place(key.runID)
            lastRun = (key.runID, position)
        }
        return runs[position].insert(key)
    }

    /// Where `runID` is in ``runs``, added when it is new.
    private mutating func place(_ runID: String) -> Int {
        if let position = positions[runID] { return position }
        runs.append(Run())
        positions[runID] = runs.count - 1
        return runs.count - 1
    }

    /// Takes a run's `end`, which says it wrote `claimed` records.
    public mutating func end(_ runID: String, claimed: Int) -> EndCheck {
        guard let position = positions[runID] else { return .unknownRun }
        if runs[position].ended { return .alreadyEnded }
        runs[position].ended = true
        endedRuns += 1
        let stored = runs[position].stored
        return stored == claimed ? .agrees : .disagrees(claimed: claimed, stored: stored)
    }
}
