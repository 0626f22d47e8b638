import Foundation
import TOMLKit
import TrialRecords
import Wire

/// Reads an experiment from a TOML file (see `Config/seed.toml` for every key).
///
/// Every key is checked: an unknown key, a wrong type, an unknown strategy or a
/// non-positive count is a ``ConfigError`` naming the file, the key and what is allowed.
public enum ExperimentLoader {
    /// Loads the experiment in `file`.
    ///
    /// - Throws: ``ConfigError`` when the file is missing, unreadable or invalid.
    public static func load(file: String) throws -> Experiment {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: file) ? "cannot be read" : "no such file"
            throw ConfigError(file: file, key: "", message: reason)
        }
        return try parse(text, file: file)
    }

    /// Parses experiment TOML; `file` only names the source in errors.
    ///
    /// - Throws: ``ConfigError``.
    public static func parse(_ text: String, file: String) throws -> Experiment {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(
                file: file, key: "",
                message: "not valid TOML at line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        }
        var top = ConfigTable(root, path: "", file: file)
        var section = try top.table("experiment")
        let experiment = try readExperiment(&section, top: &top)
        try top.rejectUnknownKeys()
        return experiment
    }

    private static func readExperiment(_ section: inout ConfigTable, top: inout ConfigTable) throws -> Experiment {
        let name = try section.string("name", default: "experiment")
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw section.error("name", "must be letters, digits, '-', '_' or '.', got '\(name)'")
        }
        let strategyNames = try section.strings("strategies", default: Strategy.allNames)
        guard !strategyNames.isEmpty else {
            throw section.error("strategies", "must name at least one of \(Strategy.allNames.joined(separator: ", "))")
        }
        let strategies = try strategyNames.map { name in
            guard let strategy = Strategy.named(name) else {
                throw section.error("strategies", "unknown strategy '\(name)'; allowed: \(Strategy.allNames.joined(separator: ", "))")
            }
            return strategy
        }
        if let repeated = strategies.first(where: { strategy in strategies.filter { $0 == strategy }.count > 1 }) {
            throw section.error("strategies", "names '\(repeated)' twice; name each strategy once")
        }
        let trials = try section.int("trials", default: 100, in: Limits.trials)
        let repeats = try section.int("repeats", default: 1, in: Limits.repeats)
        guard trials * repeats <= Limits.trialsPerStrategy else {
            throw section.error("trials", "× repeats is \(trials * repeats) trials per strategy; at most "
                + "\(Limits.trialsPerStrategy) are allowed")
        }
        try section.rejectUnknownKeys()

        let program = try readProgram(&top)
        var workload = Workload.seed
        if program == nil {
            var model = try top.table("model")
            var optimizer = try top.table("optimizer")
            var fit = try top.table("fit")
            workload = try readWorkload(model: &model, optimizer: &optimizer, fit: &fit)
        }
        var cluster = try top.table("cluster")
        let settings = try readCluster(&cluster)
        var experiment = Experiment(
            name: name, strategies: strategies, trials: trials, repeats: repeats,
            workload: workload, cluster: settings)
        experiment.program = program
        var security = try top.table("security")
        experiment.security = try readSecurity(&security)
        if let problem = experiment.unrunnableStrategies { throw section.error("strategies", problem) }
        return experiment
    }

    /// The `[worker]` table and its `[workload]` parameters, nil when the
    /// trials run on IsoRun's own engine (whose model `[model]`, `[optimizer]`
    /// and `[fit]` describe).
    private static func readProgram(_ top: inout ConfigTable) throws -> WorkerProgram? {
        guard top.contains("worker") else {
            if top.contains("workload") {
                throw top.error("workload", """
                    holds the parameters of a [worker]'s trial; add a [worker] table, or describe \
                    the engine's model in [model], [optimizer] and [fit]
                    """)
            }
            return nil
        }
        for engineTable in ["model", "optimizer", "fit"] where top.contains(engineTable) {
            throw top.error(engineTable, """
                describes IsoRun's engine model, which a [worker] does not run; put the trial's \
                parameters in [workload]
                """)
        }
        var worker = try top.table("worker")
        let command = try worker.strings("command", default: [])
        guard !command.isEmpty, command.allSatisfy({ !$0.isEmpty }) else {
            throw worker.error("command", """
                must be a non-empty array of non-empty strings: the program and its arguments, \
                e.g. ["python3", "-m", "isorun_worker", "examples/keras/seed.py:seed"]
                """)
        }
        let framework = try worker.string(
            "framework", default: Framework.python.rawValue, oneOf: Framework.allCases.map(\.rawValue))
        try worker.rejectUnknownKeys()
        return WorkerProgram(
            command: command, framework: Framework(rawValue: framework)!,
            parametersJSON: try top.json("workload") ?? "{}")
    }

    private static func readWorkload(
        model: inout ConfigTable, optimizer: inout ConfigTable, fit: inout ConfigTable
    ) throws -> Workload {
        let seed = Workload.seed
        let inputs = try model.int("inputs", default: seed.inputs, atLeast: 1)
        let layers = try model.tables("layers") { layer in
            Workload.Layer(
                units: try layer.int("units", default: 1, atLeast: 1),
                activation: try layer.string("activation", default: "linear", oneOf: Workload.activations))
        } ?? seed.layers
        guard !layers.isEmpty else { throw model.error("layers", "must list at least one layer") }
        let loss = try model.string("loss", default: seed.loss, oneOf: Workload.losses)
        try model.rejectUnknownKeys()

        let kind = try optimizer.string("kind", default: "adam", oneOf: Workload.optimizers)
        let defaults = kind == "adam" ? Workload.OptimizerSpec.adam : .sgd
        var spec = defaults
        spec.learningRate = try optimizer.double("learning_rate", default: defaults.learningRate)
        if kind == "adam" {
            spec.beta1 = try optimizer.double("beta1", default: defaults.beta1)
            spec.beta2 = try optimizer.double("beta2", default: defaults.beta2)
            spec.epsilon = try optimizer.double("epsilon", default: defaults.epsilon)
        }
        try optimizer.rejectUnknownKeys()
        guard spec.learningRate > 0 else { throw optimizer.error("learning_rate", "must be positive") }

        let epochs = try fit.int("epochs", default: seed.epochs, atLeast: 1)
        let batchSize = try fit.int("batch_size", default: seed.batchSize, atLeast: 1)
        let x = try fit.matrix("x", default: seed.x)
        let y = try fit.matrix("y", default: seed.y)
        try fit.rejectUnknownKeys()
        guard x[0].count == inputs else {
            throw fit.error("x", "rows have \(x[0].count) values but model.inputs is \(inputs)")
        }
        guard y.count == x.count else { throw fit.error("y", "has \(y.count) rows but fit.x has \(x.count)") }
        guard y[0].count == layers[layers.count - 1].units else {
            throw fit.error("y", "rows have \(y[0].count) values but the last layer has \(layers[layers.count - 1].units) units")
        }
        return Workload(
            inputs: inputs, layers: layers, loss: loss, optimizer: spec,
            epochs: epochs, batchSize: batchSize, x: x, y: y)
    }

    private static func readSecurity(_ table: inout ConfigTable) throws -> SecuritySettings {
        var settings = SecuritySettings()
        if table.contains("curve") {
            let folder = try table.string("curve", default: "")
            guard !folder.isEmpty else {
                throw table.error("curve", "must name a key folder (isorun keys generate --out DIR), or be left out for no keys")
            }
            settings.curve = folder
        }
        try table.rejectUnknownKeys()
        return settings
    }

    private static func readCluster(_ table: inout ConfigTable) throws -> ClusterSettings {
        var settings = ClusterSettings()
        settings.workers = try table.int("workers", default: settings.workers, in: 0...Limits.workers.upperBound)
        settings.maxTrialsPerWorker = try table.int(
            "max_trials_per_worker", default: settings.maxTrialsPerWorker, in: Limits.maxTrialsPerWorker)
        settings.spreadInProcess = try table.bool("spread_in_process", default: settings.spreadInProcess)
        let rss = try table.string("max_worker_rss", default: "0")
        guard let bytes = ByteSize.parse(rss) else {
            throw table.error("max_worker_rss", "'\(rss)' is not a size; use bytes or a suffix: 512M, 2G, 0 for none")
        }
        settings.maxWorkerRSSBytes = bytes
        settings.retries = try table.int("retries", default: settings.retries, in: Limits.retries)
        settings.trialTimeoutSeconds = try table.double("trial_timeout", default: settings.trialTimeoutSeconds)
        guard Limits.trialTimeoutSeconds.contains(settings.trialTimeoutSeconds) else {
            throw table.error("trial_timeout", Limits.phrase(Limits.trialTimeoutSeconds, unit: "seconds (0: no limit)")
                + ", got \(settings.trialTimeoutSeconds)")
        }
        let launch = try table.string(
            "launch", default: settings.launch.rawValue, oneOf: [Launch.exec.rawValue, Launch.forkServer.rawValue])
        settings.launch = Launch(rawValue: launch)
        let launcher = try table.string(
            "launcher", default: settings.launcher.rawValue, oneOf: WorkerLauncherKind.allCases.map(\.rawValue))
        settings.launcher = WorkerLauncherKind(rawValue: launcher)!
        settings.bind = try table.string("bind")
        var slurm = try table.table("slurm")
        settings.slurm = try readSlurm(&slurm)
        try table.rejectUnknownKeys()
        return settings
    }

    /// `[cluster.slurm]`: `partition`, `time` and `args`, all optional.
    private static func readSlurm(_ table: inout ConfigTable) throws -> SlurmOptions {
        var options = SlurmOptions()
        options.partition = try table.string("partition")
        options.timeLimit = try table.string("time")
        options.arguments = try table.strings("args", default: [])
        try table.rejectUnknownKeys()
        return options
    }
}
