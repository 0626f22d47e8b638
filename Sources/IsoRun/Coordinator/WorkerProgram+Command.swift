import Experiments

extension WorkerProgram {
    /// How the launcher starts it and its zygote: its command with
    /// `--framework FRAMEWORK`, and for the zygote `fork-server` after that.
    public var workerCommand: WorkerCommand {
        let adapter = ["--framework", framework.rawValue]
        return WorkerCommand(worker: command + adapter, forkServer: command + adapter + ["fork-server"])
    }
}
