/// What starts a run's worker processes.
public enum WorkerLauncherKind: String, Codable, Sendable, CaseIterable {
    /// Child processes of the coordinator, on this machine (exec or fork-server).
    case local
    /// One `srun` per worker, on the nodes Slurm chooses; the workers connect
    /// back to the coordinator over tcp.
    case slurm
}

/// The `srun` options of `--launcher slurm`: the experiment file's
/// `[cluster.slurm]` table, each overridden by its `--slurm-*` flag.
public struct SlurmOptions: Codable, Sendable, Equatable {
    /// `srun --partition`; nil: the cluster's default partition.
    public var partition: String?
    /// `srun --time`, in one of Slurm's forms (`MINUTES`, `HH:MM:SS`,
    /// `DAYS-HH:MM:SS`); nil: the partition's default limit.
    public var timeLimit: String?
    /// More `srun` arguments, one word each (`--account=ml`, `--mem=2G`),
    /// placed before the worker command.
    public var arguments: [String] = []

    /// No partition, no time limit, no extra arguments: Slurm's defaults.
    public init() {}
}
