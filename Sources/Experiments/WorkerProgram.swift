import TrialRecords

/// A worker program other than IsoRun's own engine: the user's trial, run by a
/// worker in another language that speaks docs/protocol.md (the Python package
/// in `workers/python`, say), named by an experiment file's `[worker]` table.
public struct WorkerProgram: Sendable, Equatable {
    /// The program and its leading arguments; the coordinator appends
    /// `--framework FRAMEWORK --connect ENDPOINT --id ID [--one-shot] --parent PID`,
    /// and for the fork-server zygote `--framework FRAMEWORK fork-server --parent PID`.
    public var command: [String]
    /// The isolation adapter the worker uses, which decides what it can run.
    public var framework: Framework
    /// The `[workload]` table as a JSON object: every task's `workload`, the
    /// trial's parameters (`ctx.params` in Python).
    public var parametersJSON: String

    public init(command: [String], framework: Framework, parametersJSON: String) {
        self.command = command
        self.framework = framework
        self.parametersJSON = parametersJSON
    }
}

/// A framework's isolation adapter in a foreign worker: what `clear` and the
/// scoped strategies mean for it (docs/python-worker.md).
public enum Framework: String, Sendable, CaseIterable {
    /// TensorFlow in graph mode through `tf.compat.v1` with `tf_keras`: every strategy.
    case tf1Keras = "tf1-keras"
    /// Keras 3: `clear` is `keras.backend.clear_session()`; no scoped strategies.
    case keras3
    /// Any Python trial: `clear` is the user's hook, then `gc.collect()`.
    case python

    /// The strategies a worker with this adapter can run: what its `hello`
    /// declares, and what a run may ask of it.
    public var capabilities: [Strategy] {
        switch self {
        case .tf1Keras: Strategy.known
        case .keras3, .python: [.noClear, .clear, .process, .pool]
        }
    }
}
