#if canImport(Glibc)
import Glibc
#endif

/// What the kernel says a process is doing: the state letter of `/proc/PID/stat`.
public enum ProcessState: Equatable, Sendable {
    /// Running, or waiting for something: `R`, `S`, `D`, `I` and the rest.
    case running
    /// Stopped by a signal (`T`), or at a tracer's stop (`t`).
    case stopped
    /// Ended and not yet reaped (`Z`, `X`), or no such process.
    case ended

    /// The state of process `pid`.
    public static func of(_ pid: pid_t) -> ProcessState {
        withUnsafeTemporaryAllocation(byteCount: 512, alignment: 1) { buffer in
            let count = ProcessMetrics.readProcessFile("stat", of: pid, into: buffer)
            return parse(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// The state in a `/proc/PID/stat` line, `PID (COMM) S …`: the letter after
    /// the last `)`, since the command's name may hold one. Nothing readable is `ended`.
    static func parse(_ stat: some BidirectionalCollection<UInt8>) -> ProcessState {
        guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { return .ended }
        guard let letter = stat[stat.index(after: close)...].first(where: { $0 != UInt8(ascii: " ") }) else { return .ended }
        switch letter {
        case UInt8(ascii: "T"), UInt8(ascii: "t"): return .stopped
        case UInt8(ascii: "Z"), UInt8(ascii: "X"), UInt8(ascii: "x"): return .ended
        default: return .running
        }
    }
}
