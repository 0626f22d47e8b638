import TrialRecords

/// What a record must hold to cross a process boundary: the one rule set the
/// coordinator (a worker's `record`) and the collector (a run's `record`) both
/// apply, through ``RecordCheck``, before a record is believed or stored.
///
/// Rules that need to know the run (the record is for the trial that worker
/// was sent; a worker reports only `ok` or `failed`) are the scheduler's, which
/// alone knows what it sent.
public enum RecordRules {
    /// Longest time a record may carry, in seconds (about 11.6 days): far past
    /// any trial, and small enough that sums over 10^9 records stay finite.
    public static let maxSeconds = 1e6
    /// Largest byte count a record may carry: 2^50 bytes (1 PiB).
    public static let maxBytes = 1 << 50
    /// Largest count (trial index, repeat, attempt, models, graph nodes): 2^50.
    public static let maxCount = 1 << 50
    /// Longest free text (`reason`), in UTF-8 bytes, as docs/protocol.md says.
    public static let maxTextBytes = 4096
    /// Longest name (experiment, strategy, worker, host, launch), in UTF-8 bytes:
    /// as long as a ZeroMQ routing id or a host name may be.
    public static let maxNameBytes = 255
    /// Most capabilities a hello may list.
    public static let maxCapabilities = 64

    /// What one key of a record must hold.
    public enum Rule: Sendable, Equatable {
        /// The integer ``TrialRecord/version``.
        case version
        /// 16 lowercase hexadecimal digits.
        case runID
        /// A name: 1 to ``maxNameBytes`` bytes of UTF-8, no control character.
        case name
        /// An integer from `minimum` to ``maxCount``.
        case count(minimum: Int)
        /// A process id: an integer from 0 to `Int32.max` (0: never known).
        case pid
        /// RFC 3339 in UTC with microseconds, `2026-12-03T12:00:00.123456Z`.
        case timestamp
        /// Null, or a finite number of seconds from 0 to ``maxSeconds``.
        case seconds
        /// Null, or an integer byte count from 0 to ``maxBytes``.
        case bytes
        /// Null, or an integer from 0 to ``maxCount``.
        case optionalCount
        /// One of the given words, or null when `nullable`; written without escapes.
        case word([String], nullable: Bool)
        /// Null, or at most ``maxTextBytes`` bytes of UTF-8.
        case text

        /// What the rule allows, for error messages.
        public var allowed: String {
            switch self {
            case .version: "the integer \(TrialRecord.version)"
            case .runID: "16 lowercase hexadecimal digits"
            case .name: "a string of 1 to \(maxNameBytes) bytes of UTF-8 without control characters"
            case .count(let minimum): "an integer from \(minimum) to 2^50"
            case .pid: "an integer from 0 to \(Int32.max)"
            case .timestamp: "RFC 3339 in UTC with microseconds, like 2026-12-03T12:00:00.123456Z"
            case .seconds: "null or a number of seconds from 0 to \(Int(maxSeconds))"
            case .bytes: "null or an integer from 0 to 2^50 (bytes)"
            case .optionalCount: "null or an integer from 0 to 2^50"
            case .word(let words, let nullable): (nullable ? "null or " : "") + "one of " + words.joined(separator: ", ")
            case .text: "null or a string of at most \(maxTextBytes) bytes of UTF-8"
            }
        }
    }

    /// Every key of a record with its rule, in the order records are written
    /// (the order of ``TrialRecord/keys``).
    public static let fields: [(key: String, rule: Rule)] = [
        ("record_version", .version),
        ("run_id", .runID),
        ("experiment", .name),
        ("strategy", .name),
        ("trial", .count(minimum: 0)),
        ("repeat", .count(minimum: 0)),
        ("attempt", .count(minimum: 1)),
        ("worker", .name),
        ("pid", .pid),
        ("host", .name),
        ("launch", .name),
        ("started_at", .timestamp),
        ("models_before", .count(minimum: 0)),
        ("create_s", .seconds),
        ("fit_s", .seconds),
        ("test_s", .seconds),
        ("total_s", .seconds),
        ("isolation_s", .seconds),
        ("wall_s", .seconds),
        ("rss_bytes", .bytes),
        ("peak_rss_bytes", .bytes),
        ("graph_nodes", .optionalCount),
        ("live_variables", .optionalCount),
        ("nodes_copied", .optionalCount),
        ("outcome", .word(Outcome.allCases.map(\.rawValue), nullable: false)),
        ("reason", .text),
        ("recycled", .word(["max-trials", "max-rss"], nullable: true)),
    ]

    /// `text` cut to at most ``maxTextBytes`` bytes of UTF-8, never inside a
    /// character; a cut text ends in `…`. How a worker keeps a long `reason`
    /// (an exception's whole message, say) within the rules.
    public static func clipped(_ text: String) -> String {
        guard text.utf8.count > maxTextBytes else { return text }
        let ellipsis = "…"
        var kept = Substring.UnicodeScalarView()
        var bytes = ellipsis.utf8.count
        for scalar in text.unicodeScalars {
            bytes += UTF8.width(scalar)
            if bytes > maxTextBytes { break }
            kept.append(scalar)
        }
        return String(kept) + ellipsis
    }
}
