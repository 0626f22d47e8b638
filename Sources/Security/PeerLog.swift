import Logging
import Wire

/// Where the coordinator and the collector log what peers made them do
/// (refused messages, forged records, workers joining): every line escaped
/// (``LogText``), so no peer can forge or break a line, and at most
/// ``linesPerSecond`` lines a second, so no peer can flood the log. Lines past
/// that are counted and told as one "suppressed" line when the second is over.
///
/// Not thread-safe: one per loop, used on that loop's thread.
package final class PeerLog {
    /// Most lines logged in one second.
    package static let linesPerSecond = 20
    /// Most characters of one line.
    package static let lineLimit = 1000

    private let logger: Logger
    private let now: () -> ContinuousClock.Instant
    private var windowStart: ContinuousClock.Instant
    private var linesInWindow = 0
    private var suppressed = 0

    /// - Parameters:
    ///   - logger: where lines go.
    ///   - now: the clock windows are measured by (tests give their own).
    package init(_ logger: Logger, now: @escaping () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.logger = logger
        self.now = now
        windowStart = now()
    }

    /// Logs `text`, escaped, unless this second's lines are used up.
    package func log(_ level: Logger.Level, _ text: String) {
        tick()
        guard logger.logLevel <= level else { return }
        guard linesInWindow < Self.linesPerSecond else {
            suppressed += 1
            return
        }
        linesInWindow += 1
        logger.log(level: level, "\(LogText.escaped(text, limit: Self.lineLimit))")
    }

    /// Starts a new second when the last one is over, telling what it suppressed.
    package func tick() {
        let instant = now()
        guard instant - windowStart >= .seconds(1) else { return }
        flush()
        windowStart = instant
        linesInWindow = 0
    }

    /// Tells how many lines were suppressed since the last such line, if any:
    /// called at the end of a run, so that none goes untold.
    package func flush() {
        guard suppressed > 0 else { return }
        logger.warning("suppressed \(suppressed) more log lines about peers (at most \(Self.linesPerSecond) a second)")
        suppressed = 0
    }
}
