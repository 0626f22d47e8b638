#if canImport(Glibc)
import Glibc
#endif

/// How a child process ended, as `waitpid` reports it.
public enum ExitStatus: Sendable, Equatable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    /// Decodes a `waitpid` status word.
    public init(waitStatus status: Int32) {
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as functions.
        if status & 0x7f == 0 {
            self = .exited((status >> 8) & 0xff)
        } else {
            self = .signaled(status & 0x7f)
        }
    }

    /// Parses the `description` form back, as the fork server sends it.
    init?(_ text: some StringProtocol) {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let number = Int32(parts[1]) else { return nil }
        switch parts[0] {
        case "exited": self = .exited(number)
        case "signal": self = .signaled(number)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .exited(let code): "exited \(code)"
        case .signaled(let signal): "signal \(signal)"
        }
    }

    /// Words for a record's `reason`.
    public var explanation: String {
        switch self {
        case .exited(let code): "worker exited with status \(code)"
        case .signaled(let signal): "worker killed by signal \(signal) (\(String(cString: strsignal(signal))))"
        }
    }
}
