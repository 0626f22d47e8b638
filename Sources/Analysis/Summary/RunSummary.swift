import TrialRecords

/// The summaries of every strategy in a records file: the input of every report.
public struct RunSummary: Sendable, Equatable {
    /// The experiments the records name, sorted.
    public var experiments: [String]
    /// The runs the records belong to (their `run_id`s), sorted: more than one when
    /// runs were appended to one file or sent to one collector.
    public var runs: [String]
    /// How many records were summarised.
    public var recordCount: Int
    /// One summary per strategy: known strategies first, in ``Strategy/known`` order.
    public var strategies: [StrategySummary]

    /// Summarises `records`, in any order.
    public init(records: [TrialRecord]) {
        experiments = Set(records.map(\.experiment)).sorted()
        runs = Set(records.map(\.runID)).sorted()
        recordCount = records.count
        let byStrategy = Dictionary(grouping: records, by: \.strategy)
        strategies = Self.ordered(byStrategy.keys).map {
            StrategySummary(strategy: $0, records: byStrategy[$0]!)
        }
    }

    /// The summary of `strategy`, if the records hold it.
    public subscript(strategy: Strategy) -> StrategySummary? {
        strategies.first { $0.strategy == strategy }
    }

    /// `strategies` without repeats, in report order: known strategies first, in
    /// ``Strategy/known`` order, then the rest sorted by name.
    public static func ordered(_ strategies: some Sequence<Strategy>) -> [Strategy] {
        let unique = Set(strategies)
        return Strategy.known.filter(unique.contains)
            + unique.subtracting(Strategy.known).sorted { $0.rawValue < $1.rawValue }
    }
}
