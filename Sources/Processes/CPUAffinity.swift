import CProcessShims

#if canImport(Glibc)
import Glibc
#endif

/// Which CPUs processes may run on (Linux affinity masks).
public enum CPUAffinity {
    /// A failed affinity call, with its `errno`.
    public struct Failure: Error, CustomStringConvertible {
        /// What was asked.
        public var action: String
        public var code: Int32
        public var description: String { "cannot \(action): \(String(cString: strerror(code)))" }
    }

    /// The CPUs this process may run on, ascending: its affinity mask, which
    /// `taskset`, `numactl`, a cgroup's cpuset or Slurm may have narrowed (the
    /// calling thread's, strictly: the same unless a thread changed its own).
    ///
    /// - Throws: ``Failure``.
    public static func allowedCPUs() throws(Failure) -> [Int32] {
        var cpus = [Int32](repeating: 0, count: 64)
        var count = isorun_allowed_cpus(&cpus, Int32(cpus.count))
        if count > cpus.count {
            cpus = [Int32](repeating: 0, count: Int(count))
            count = isorun_allowed_cpus(&cpus, count)
        }
        guard count > 0 else {
            let code = errno
            throw Failure(action: "read this process's CPU affinity", code: code)
        }
        return Array(cpus.prefix(Int(count)))
    }

    /// Runs `body` with the calling thread, and the threads it starts
    /// meanwhile, restricted to `cpu`, then gives the calling thread back the
    /// CPUs it had. Threads started meanwhile keep `cpu`.
    ///
    /// - Throws: ``Failure``; what `body` throws.
    public static func withCallingThread<T>(on cpu: Int32, _ body: () throws -> T) throws -> T {
        let previous = try allowedCPUs()
        try restrictCallingThread(to: [cpu])
        defer { try? restrictCallingThread(to: previous) }
        return try body()
    }

    private static func restrictCallingThread(to cpus: [Int32]) throws(Failure) {
        guard isorun_restrict_calling_thread(cpus, Int32(cpus.count)) == 0 else {
            let code = errno
            throw Failure(action: "restrict this thread to CPUs \(cpus)", code: code)
        }
    }

    /// Restricts every thread of process `pid` to `cpu`; threads it starts later inherit that.
    ///
    /// - Throws: ``Failure``; its code is `ESRCH` when the process has ended and been reaped.
    public static func pin(_ pid: pid_t, to cpu: Int32) throws(Failure) {
        guard isorun_pin_to_cpu(pid, cpu) == 0 else {
            let code = errno
            throw Failure(action: "pin process \(pid) to CPU \(cpu)", code: code)
        }
    }
}
