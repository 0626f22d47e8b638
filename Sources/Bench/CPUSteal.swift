import Foundation

/// The share of the machine's CPU time that its hypervisor gave to other
/// guests over an interval (the `steal` column of `/proc/stat`): on a shared
/// virtual machine every figure can read half again as slow while the host is
/// busy, and this says when it was.
struct CPUSteal {
    private let start: (steal: Double, total: Double)

    /// Starts the interval; nil where `/proc/stat` has no steal column (not Linux).
    init?() {
        guard let now = Self.read() else { return nil }
        start = now
    }

    /// Steal since ``init()``, as a percentage of all CPU time; nil when no
    /// CPU time has passed or `/proc/stat` cannot be read.
    func percent() -> Double? {
        guard let now = Self.read(), now.total > start.total else { return nil }
        return 100 * (now.steal - start.steal) / (now.total - start.total)
    }

    private static func read() -> (steal: Double, total: Double)? {
        (try? String(contentsOfFile: "/proc/stat", encoding: .utf8)).flatMap(parse)
    }

    /// The steal and total ticks of the first line of a `/proc/stat` text
    /// (`cpu  user nice system idle iowait irq softirq steal guest guest_nice`;
    /// guest time is already counted in user, so it is not added again).
    static func parse(_ text: String) -> (steal: Double, total: Double)? {
        guard let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count >= 8 else { return nil }
        return (ticks[7], ticks.prefix(8).reduce(0, +))
    }
}
