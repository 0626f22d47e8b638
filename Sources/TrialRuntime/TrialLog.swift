#if canImport(Glibc)
import Glibc
#endif

/// The log of a worker on the local link (`isorun-trial`): lines to standard
/// error, which the coordinator keeps in the workers' log beside the records,
/// laid out as swift-log's `StreamLogHandler` lays out the other programs'
/// (time, level, label, text).
///
/// Not swift-log itself: its `Logger` (a task-local logger among its API)
/// links Swift Concurrency and libdispatch into the program, whose tables a
/// `process` trial would relocate and page in at every start (issue 13). A
/// trial logs only what went wrong, so it needs no more than this.
public struct TrialLog: Sendable {
    /// Names the worker in each line (`isorun.trial.w3`).
    public var label: String
    /// Lines below this level are not written.
    public var level: LogLevel
    /// Where lines go: standard error, unless a test says otherwise.
    var descriptor: Int32 = 2

    public init(label: String, level: LogLevel) {
        self.label = label
        self.level = level
    }

    /// Writes `text` as one line at `level`, when that is at least ``level``.
    public func log(_ level: LogLevel, _ text: @autoclosure () -> String) {
        guard level >= self.level else { return }
        let line = Array("\(Self.timestamp()) \(level) \(label): \(text())\n".utf8)
        _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Writes `text` as one line at level `error`.
    public func error(_ text: @autoclosure () -> String) { log(.error, text()) }

    /// Local time to the second, with its offset: `2026-12-05T01:22:15+0000`.
    private static func timestamp() -> String {
        var now = time(nil)
        var local = tm()
        var buffer = [CChar](repeating: 0, count: 64)
        guard localtime_r(&now, &local) != nil, strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local) > 0 else {
            return "<unknown time>"
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
