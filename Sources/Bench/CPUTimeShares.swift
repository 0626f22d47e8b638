import Foundation

/// How the machine's CPU time was spent over an interval, from `/proc/stat`:
/// the share the hypervisor gave to other guests (`steal`: on a shared virtual
/// machine every figure can read half again as slow while the host is busy),
/// and the share no one used (`idle` and `iowait`: CPUs waiting while work
/// was to be done, in a run that could have used them all).
struct CPUTimeShares {
    /// Ticks of the first line of `/proc/stat`, all CPUs together.
    struct Ticks: Equatable {
        var steal: Double
        var idle: Double
        var total: Double
    }

    private let start: Ticks

    /// Starts the interval; nil where `/proc/stat` has no steal column (not Linux).
    init?() {
        guard let now = Self.read() else { return nil }
        start = now
    }

    /// Steal since ``init()``, as a percentage of all CPU time; nil when no
    /// CPU time has passed or `/proc/stat` cannot be read.
    func stealPercent() -> Double? {
        share(\.steal)
    }

    /// Idle time since ``init()``, as a percentage of all CPU time; nil when
    /// no CPU time has passed or `/proc/stat` cannot be read.
    func idlePercent() -> Double? {
        share(\.idle)
    }

    private func share(_ part: KeyPath<Ticks, Double>) -> Double? {
        guard let now = Self.read(), now.total > start.total else { return nil }
        return 100 * (now[keyPath: part] - start[keyPath: part]) / (now.total - start.total)
    }

    private static func read() -> Ticks? {
        (try? String(contentsOfFile: "/proc/stat", encoding: .utf8)).flatMap(parse)
    }

    /// The ticks of the first line of a `/proc/stat` text (`cpu  user nice
    /// system idle iowait irq softirq steal guest guest_nice`): idle with
    /// iowait; guest time is already counted in user, so it is not added again.
    static func parse(_ text: String) -> Ticks? {
        guard let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count >= 8 else { return nil }
        return Ticks(steal: ticks[7], idle: ticks[3] + ticks[4], total: ticks.prefix(8).reduce(0, +))
    }
}
