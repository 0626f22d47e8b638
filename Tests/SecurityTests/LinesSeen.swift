import Logging
import Synchronization

/// A log handler that counts the lines it is given.
final class LinesSeen: LogHandler, @unchecked Sendable {
    // @unchecked Sendable: the count is in a Mutex; the other properties are
    // set only while the logger is being made, before it is shared.
    private let lines = Mutex(0)
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var count: Int { lines.withLock { $0 } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.withLock { $0 += 1 }
    }
}
