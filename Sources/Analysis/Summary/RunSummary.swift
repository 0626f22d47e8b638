import TrialRecords

/// The summaries of every strategy in a records file: the input of every report.
public struct RunSummary: Sendable, Equatable {
    /// The strategies IsoRun knows, in the order reports list them; others follow by name.
    public static let knownStrategies = ["no-clear", "clear", "scoped-session", "scoped-graph", "process", "pool"]

    /// The experiments the records name, sorted.
    public var experiments: [String]
    /// The runs the records belong to (their `run_id`s), sorted: more than one when
    /// runs were appended to one file or sent to one collector.
    public var runs: [String]
    /// How many records were summarised.
    public var recordCount: Int
    /// One summary per strategy: known strategies first, in ``knownStrategies`` order.
    public var strategies: [StrategySummary]

    /// Summarises `records`, in any order.
    public init(records: [TrialRecord]) {
        experiments = Set(records.map(\.experiment)).sorted()
        runs = Set(records.map(\.runID)).sorted()
        recordCount = records.count
        let byStrategy = Dictionary(grouping: records, by: \.strategy.rawValue)
        strategies = Self.ordered(byStrategy.keys).map {
            StrategySummary(strategy: $0, records: byStrategy[$0]!)
        }
    }

    /// The summary of `strategy`, if the records hold it.
    public subscript(strategy: String) -> StrategySummary? {
        strategies.first { $0.strategy == strategy }
    }

    /// `names` in report order: known strategies first, then the rest sorted.
    public static func ordered(_ names: some Sequence<String>) -> [String] {
        let unique = Set(names)
        return knownStrategies.filter(unique.contains) + unique.subtracting(knownStrategies).sorted()
    }
}
