#if canImport(Glibc)
import Glibc
#endif

/// What this process is and how much memory it holds, read cheaply enough to
/// sample after every trial.
public enum ProcessMetrics {
    /// Resident memory of a process, both figures from one read of
    /// `/proc/PID/status`, so `peak >= current` holds by construction.
    public struct Memory: Sendable, Equatable {
        /// Resident memory now (`VmRSS`), in bytes.
        public var residentBytes: Int
        /// The most resident memory the process has held (`VmHWM`), in bytes.
        public var peakResidentBytes: Int
    }

    /// This process's id.
    public static var pid: Int32 { getpid() }

    /// The host's name, as `gethostname` reports it.
    public static let hostName: String = {
        var buffer = [UInt8](repeating: 0, count: 256)
        let status = buffer.withUnsafeMutableBytes { gethostname($0.baseAddress!.assumingMemoryBound(to: CChar.self), 255) }
        guard status == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    }()

    /// Resident and peak memory of process `pid` (this one when nil), from
    /// `/proc/PID/status`; nil when that file cannot be read or lacks them.
    public static func memory(of pid: pid_t? = nil) -> Memory? {
        let path = pid.map { "/proc/\($0)/status" } ?? "/proc/self/status"
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        var filled = 0
        while filled < buffer.count {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        return parseStatus(buffer[..<filled])
    }

    /// `VmRSS` and `VmHWM` of a `/proc/PID/status` text (`VmRSS:\t  1234 kB`).
    static func parseStatus(_ text: ArraySlice<UInt8>) -> Memory? {
        var resident: Int?, peak: Int?
        for line in text.split(separator: UInt8(ascii: "\n")) where line.starts(with: "Vm".utf8) {
            if line.starts(with: "VmRSS:".utf8) { resident = kibibytes(line) }
            if line.starts(with: "VmHWM:".utf8) { peak = kibibytes(line) }
        }
        guard let resident, let peak else { return nil }
        return Memory(residentBytes: resident * 1024, peakResidentBytes: max(peak, resident) * 1024)
    }

    private static func kibibytes(_ line: ArraySlice<UInt8>) -> Int? {
        let digits = line.drop { !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            .prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    /// Resident memory now, in bytes (`VmRSS`), or 0 where it cannot be read.
    public static func residentBytes() -> Int {
        memory()?.residentBytes ?? 0
    }

    /// Resident memory of process `pid` (this one when nil), in bytes; nil when
    /// it cannot be read.
    public static func residentBytes(of pid: pid_t?) -> Int? {
        memory(of: pid)?.residentBytes
    }
}
