#if canImport(Glibc)
import Glibc
#endif

/// A worker program's own messages (usage, a fatal error), without a logger.
public enum StandardError {
    /// Writes `text` and a newline to standard error with one `write(2)`.
    public static func write(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
