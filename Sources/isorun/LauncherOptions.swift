import ArgumentParser
import Experiments

/// `isorun run`'s flags for what starts the workers: `--launcher` and the
/// `srun` options it uses under Slurm. Each overrides its key in the experiment
/// file's `[cluster]` and `[cluster.slurm]` tables.
struct LauncherOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "What starts the workers: local (child processes of isorun) or slurm (one srun per worker).",
        discussion: """
            slurm: each worker is a single-task srun (a job step when isorun runs inside salloc or an \
            sbatch script, a job of its own otherwise) that connects back over tcp, so --bind a tcp \
            endpoint the nodes can reach. process trials then take one srun each; --launch does not apply.
            """))
    var launcher: WorkerLauncherKind?

    @Option(help: "slurm: srun --partition for every worker (default: the cluster's default partition).")
    var slurmPartition: String?

    @Option(help: "slurm: srun --time limit for every worker, in Slurm's forms: MINUTES, HH:MM:SS, DAYS-HH:MM:SS.")
    var slurmTime: String?

    @Option(help: "slurm: one more srun argument, before the worker command; repeat for several (--slurm-arg=--mem=2G --slurm-arg=--account=ml).")
    var slurmArg: [String] = []

    /// Whether any `--slurm-*` flag was given.
    var givesSrunOptions: Bool { slurmPartition != nil || slurmTime != nil || !slurmArg.isEmpty }

    /// The cluster settings with these flags over the file's values; extra
    /// arguments from the flags follow the file's.
    func apply(to cluster: inout ClusterSettings) {
        if let launcher { cluster.launcher = launcher }
        if let slurmPartition { cluster.slurm.partition = slurmPartition }
        if let slurmTime { cluster.slurm.timeLimit = slurmTime }
        cluster.slurm.arguments += slurmArg
    }

    /// `--slurm-*` values that srun would only refuse later, one job at a time.
    func validate() throws {
        if let slurmPartition, slurmPartition.isEmpty || slurmPartition.contains(where: \.isWhitespace) {
            throw ValidationError("--slurm-partition '\(slurmPartition)' is not a partition name; `sinfo -s` lists them")
        }
        if let slurmTime, slurmTime.isEmpty || !slurmTime.allSatisfy({ $0.isNumber || $0 == ":" || $0 == "-" }) {
            throw ValidationError("--slurm-time '\(slurmTime)' is not a Slurm time limit; use MINUTES, HH:MM:SS or DAYS-HH:MM:SS")
        }
        if let empty = slurmArg.firstIndex(where: \.isEmpty) {
            throw ValidationError("--slurm-arg number \(empty + 1) is empty; give one srun argument per flag, as --slurm-arg=--mem=2G")
        }
    }
}

/// `--launcher local|slurm`.
extension WorkerLauncherKind: ExpressibleByArgument {}
