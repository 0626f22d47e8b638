import Processes

/// Where a dispatch row's two processes run: the coordinator (or its floor's
/// parent) on one CPU and the worker (the floor's echoing child) on the same
/// CPU or another.
///
/// A round trip between two CPUs pays, at each end, a wake-up from another
/// CPU: an inter-processor interrupt, which in a virtual machine is an exit to
/// the hypervisor. On this project's VM that makes the bare round trip on the
/// local link about 45 µs across two CPUs against 8 µs on one, and left to
/// itself the kernel put a floor's two processes on one CPU in some runs and
/// on two in others, so a figure and its floor are measured under the same,
/// stated placement.
public struct DispatchPlacement: Sendable, Equatable {
    /// The CPU of the coordinator's thread (and the threads it starts), or of the floor's parent.
    public var coordinatorCPU: Int32
    /// The CPU of the worker, all its threads, or of the floor's child.
    public var workerCPU: Int32

    public init(coordinatorCPU: Int32, workerCPU: Int32) {
        self.coordinatorCPU = coordinatorCPU
        self.workerCPU = workerCPU
    }

    /// How a row names it: `two CPUs` or `one CPU`.
    public var label: String { coordinatorCPU == workerCPU ? "one CPU" : "two CPUs" }

    /// The two CPUs as a floor program's last two arguments, the parent's first.
    var arguments: [String] { [String(coordinatorCPU), String(workerCPU)] }

    /// The placements the bench measures on the CPUs this process may use:
    /// two CPUs (the first two of them), where it may use two or more, then one CPU (the first).
    ///
    /// - Throws: `CPUAffinity.Failure` when the affinity mask cannot be read.
    public static func available() throws -> [DispatchPlacement] {
        let cpus = try CPUAffinity.allowedCPUs()
        let oneCPU = DispatchPlacement(coordinatorCPU: cpus[0], workerCPU: cpus[0])
        guard cpus.count >= 2 else { return [oneCPU] }
        return [DispatchPlacement(coordinatorCPU: cpus[0], workerCPU: cpus[1]), oneCPU]
    }
}
