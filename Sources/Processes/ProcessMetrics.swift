import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// What this process is and how much memory it holds, read cheaply enough to
/// sample after every trial.
public enum ProcessMetrics {
    /// Resident memory of a process, both figures from one read of
    /// `/proc/PID/status`, so `peak >= current` holds by construction.
    ///
    /// Not `getrusage`'s `ru_maxrss`, a read several times cheaper: the kernel
    /// carries the high-water mark of the memory a process replaced at `exec`
    /// into it, so a worker spawned by a coordinator of 300 MB reports 300 MB.
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
    ///
    /// This process's own file is kept open and read again from its start:
    /// that takes about half the time of opening it anew (6 µs against 11 here),
    /// and a pool worker reads it after every trial.
    public static func memory(of pid: pid_t? = nil) -> Memory? {
        // On the stack: a 4 kB request from malloc would have it consolidate its small free chunks first.
        withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 1) { bytes in
            let filled: Int
            if let pid {
                filled = readProcessFile("status", of: pid, into: bytes)
            } else {
                guard let descriptor = ownStatus() else { return nil }
                filled = readingInterrupted { pread(descriptor, bytes.baseAddress!, bytes.count, 0) }
            }
            return parseStatus(UnsafeRawBufferPointer(rebasing: bytes[..<filled]))
        }
    }

    /// This process's `/proc/self/status`, open: keyed by pid, since a forked
    /// child inherits its parent's descriptor, which names the parent.
    private static let ownStatusFile = Mutex<(pid: pid_t, descriptor: Int32)?>(nil)

    private static func ownStatus() -> Int32? {
        ownStatusFile.withLock { file in
            let pid = getpid()
            if let file, file.pid == pid { return file.descriptor }
            if let inherited = file { close(inherited.descriptor) }
            let descriptor = open("/proc/self/status", O_RDONLY | O_CLOEXEC)
            file = descriptor >= 0 ? (pid, descriptor) : nil
            return file?.descriptor
        }
    }

    /// Reads another process's `/proc/PID/<file>` into `bytes`, as much as
    /// fits: how many bytes it took, 0 when it cannot be read.
    static func readProcessFile(_ file: String, of pid: pid_t, into bytes: UnsafeMutableRawBufferPointer) -> Int {
        let descriptor = open("/proc/\(pid)/\(file)", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var filled = 0
        while filled < bytes.count {
            let count = readingInterrupted { read(descriptor, bytes.baseAddress! + filled, bytes.count - filled) }
            guard count > 0 else { break }
            filled += count
        }
        return filled
    }

    /// `call`'s byte count, retried when a signal interrupts it; 0 for an error.
    private static func readingInterrupted(_ call: () -> Int) -> Int {
        while true {
            let count = call()
            if count >= 0 { return count }
            if errno != EINTR { return 0 }
        }
    }

    /// `VmRSS` and `VmHWM` of a `/proc/PID/status` text (`VmRSS:\t  1234 kB`).
    static func parseStatus(_ text: some Collection<UInt8>) -> Memory? {
        guard let resident = kibibytes(of: "VmRSS:", in: text), let peak = kibibytes(of: "VmHWM:", in: text)
        else { return nil }
        return Memory(residentBytes: resident * 1024, peakResidentBytes: max(peak, resident) * 1024)
    }

    /// The number after `label` at the start of a line of `text`.
    private static func kibibytes(of label: StaticString, in text: some Collection<UInt8>) -> Int? {
        let label = UnsafeBufferPointer(start: label.utf8Start, count: label.utf8CodeUnitCount)
        var lineStart = text.startIndex
        while lineStart != text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
            let line = text[lineStart..<lineEnd]
            if line.starts(with: label) {
                let digits = line.dropFirst(label.count)
                    .drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                    .prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
                guard !digits.isEmpty, digits.count < 16 else { return nil }
                return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            }
            lineStart = lineEnd == text.endIndex ? lineEnd : text.index(after: lineEnd)
        }
        return nil
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
