import TrialRecords

/// A measured quantity of a trial that reports summarise: the phase times, the
/// strategy's isolation cost, the trial's whole cost and resident memory.
public enum Phase: String, Sendable, CaseIterable, Codable {
    case create, fit, test, total, isolation
    /// What a trial cost: `total_s + isolation_s`, the one cost model every ranking,
    /// break-even and cost panel uses.
    case cost
    case rss

    /// The phase's value in `record`: seconds, or bytes for ``rss``; nil when
    /// the record holds no such measurement.
    public func value(of record: TrialRecord) -> Double? {
        switch self {
        case .create: record.createSeconds
        case .fit: record.fitSeconds
        case .test: record.testSeconds
        case .total: record.totalSeconds
        case .isolation: record.isolationSeconds
        case .cost: record.totalSeconds.flatMap { total in record.isolationSeconds.map { total + $0 } }
        case .rss: record.rssBytes.map(Double.init)
        }
    }

    /// Whether values are bytes (otherwise seconds).
    public var isMemory: Bool { self == .rss }

    /// A title for tables and charts.
    public var title: String {
        switch self {
        case .create: "Model creation"
        case .fit: "Fitting"
        case .test: "Testing"
        case .total: "Total per model"
        case .isolation: "Isolation"
        case .cost: "Cost per trial (total + isolation)"
        case .rss: "Resident memory"
        }
    }

    /// `value` of this phase formatted with its unit.
    public func format(_ value: Double) -> String {
        isMemory ? Units.bytes(value) : Units.duration(value)
    }

    /// `value ± uncertainty` of this phase formatted with its unit.
    public func format(_ value: Double, plusMinus uncertainty: Double) -> String {
        isMemory ? Units.bytes(value, plusMinus: uncertainty) : Units.duration(value, plusMinus: uncertainty)
    }
}
