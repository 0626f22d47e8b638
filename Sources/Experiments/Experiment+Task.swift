import Wire

extension Experiment {
    /// The workload as every task of the run carries it: the `[workload]`
    /// table of a foreign worker, or the engine's model.
    public var workloadJSON: String {
        program?.parametersJSON ?? WireMessage.Task.json(of: workload)
    }

    /// Room in a task for everything but the workload: the frames' names and the spec.
    static let taskOverheadBytes = 4096

    /// Why a task of this experiment would be larger than a worker takes
    /// (`limit` bytes, the protocol's 1 MiB); nil when it fits.
    public func taskSizeProblem(limit: Int) -> String? {
        let size = workloadJSON.utf8.count
        guard size + Self.taskOverheadBytes > limit else { return nil }
        let place = program == nil ? "[model] and [fit] (x, y)" : "[workload]"
        return "the workload (\(place)) is \(size) bytes as JSON; every task carries it, and a task is at most "
            + "\(limit - Self.taskOverheadBytes) bytes of workload (\(limit) in all): make the data smaller"
    }
}
