#if canImport(Glibc)
import Glibc
#endif

/// What this process is and how much memory it holds, read cheaply enough to
/// sample after every trial.
public enum ProcessMetrics {
    /// This process's id.
    public static var pid: Int32 { getpid() }

    /// The host's name, as `gethostname` reports it.
    public static let hostName: String = {
        var buffer = [UInt8](repeating: 0, count: 256)
        let status = buffer.withUnsafeMutableBytes { gethostname($0.baseAddress!.assumingMemoryBound(to: CChar.self), 255) }
        guard status == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    }()

    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Resident memory now, in bytes: the second field of `/proc/self/statm`
    /// (pages), or 0 where that file cannot be read.
    public static func residentBytes() -> Int {
        residentBytes(of: nil) ?? 0
    }

    /// Resident memory of process `pid` (this one when nil), in bytes, from
    /// `/proc/PID/statm`; nil when that file cannot be read.
    public static func residentBytes(of pid: pid_t?) -> Int? {
        let path = pid.map { "/proc/\($0)/statm" } ?? "/proc/self/statm"
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let fields = buffer.prefix(count).split(separator: UInt8(ascii: " "))
        guard fields.count >= 2, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return nil }
        return pages * pageSize
    }

    /// The most resident memory this process has held, in bytes (`getrusage`'s
    /// `ru_maxrss`, which Linux reports in KiB).
    public static func peakResidentBytes() -> Int {
        var usage = rusage()
        guard getrusage(Int32(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        return usage.ru_maxrss * 1024
    }
}
