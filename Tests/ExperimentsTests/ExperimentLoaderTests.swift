import Foundation
import Testing
import TrialRecords
@testable import Experiments

@Suite struct ExperimentLoaderTests {
    private func parse(_ text: String) throws -> Experiment {
        try ExperimentLoader.parse(text, file: "x.toml")
    }

    private func expectError(_ text: String, key: String, mentioning words: [String]) {
        #expect {
            try parse(text)
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            let text = error.description
            return error.file == "x.toml" && error.key == key && words.allSatisfy(text.contains)
        }
    }

    @Test func anEmptyFileIsTheSeedWorkloadOverEveryStrategy() throws {
        let experiment = try parse("")
        #expect(experiment.strategies == Strategy.known)
        #expect(experiment.trials == 100)
        #expect(experiment.workload == .seed)
    }

    @Test func theEmbeddedDefaultIsConfigSeed() throws {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Config/seed.toml").path
        let seed = try ExperimentLoader.load(file: file)
        #expect(Experiment.embeddedDefault == seed)
        #expect(seed.name == "seed")
        #expect(seed.trials == 100)
        #expect(seed.strategies == Strategy.known)
        #expect(seed.workload == .seed)
    }

    @Test func quickIsSeedAtTwentyModels() throws {
        let config = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Config")
        var quick = try ExperimentLoader.load(file: config.appendingPathComponent("quick.toml").path)
        #expect(quick.trials == 20)
        quick.name = "seed"
        quick.trials = 100
        #expect(quick == .embeddedDefault)
    }

    @Test func theSecurityTableNamesTheKeyFolder() throws {
        #expect(try parse("").security.curve == nil)
        #expect(try parse("[security]\ncurve = \"keys\"").security.curve == "keys")
        expectError("[security]\ncurve = \"\"", key: "security.curve", mentioning: ["isorun keys generate"])
        expectError("[security]\ncurve = 3", key: "security.curve", mentioning: [])
        expectError("[security]\ninsecure = true", key: "security.insecure", mentioning: [])
    }

    @Test func aMissingFileIsNamed() {
        #expect {
            try ExperimentLoader.load(file: "/nonexistent/isorun.toml")
        } throws: { error in
            "\(error)" == "/nonexistent/isorun.toml: no such file"
        }
    }

    @Test func invalidTOMLNamesTheLine() {
        expectError("[experiment]\ntrials = = 3\n", key: "", mentioning: ["line 2"])
    }

    @Test func unknownKeysAreNamedWithWhatIsAllowed() {
        expectError("[experiment]\ntrails = 3\n", key: "experiment.trails", mentioning: ["unknown key", "trials"])
        expectError("[modle]\n", key: "modle", mentioning: ["unknown key", "model"])
        expectError("[model]\nlayers = [{ unit = 3 }]\n", key: "model.layers[0].unit", mentioning: ["units"])
    }

    @Test func wrongTypesAreNamed() {
        expectError("[experiment]\ntrials = \"many\"\n", key: "experiment.trials", mentioning: ["integer", "string"])
        expectError("experiment = 3\n", key: "experiment", mentioning: ["table"])
        expectError("[fit]\nx = [[1, \"a\", 1, 1]]\n", key: "fit.x", mentioning: ["numbers"])
    }

    @Test func infinitiesAndNaNsAreNotNumbers() {
        expectError("[optimizer]\nlearning_rate = inf\n", key: "optimizer.learning_rate", mentioning: ["finite"])
        expectError("[fit]\nx = [[1, nan, 1, 1]]\n", key: "fit.x", mentioning: ["finite"])
        expectError("[cluster]\ntrial_timeout = -inf\n", key: "cluster.trial_timeout", mentioning: ["finite"])
    }

    @Test func unknownStrategiesListTheAllowedOnes() {
        expectError(
            "[experiment]\nstrategies = [\"clear\", \"fresh\"]\n", key: "experiment.strategies",
            mentioning: ["'fresh'", "no-clear", "scoped-graph", "pool"])
        expectError("[experiment]\nstrategies = []\n", key: "experiment.strategies", mentioning: ["at least one"])
    }

    @Test func countsMustBePositive() {
        expectError("[experiment]\ntrials = 0\n", key: "experiment.trials", mentioning: ["between 1 and 100000", "0"])
        expectError("[experiment]\nrepeats = -1\n", key: "experiment.repeats", mentioning: ["between 1 and 100"])
        expectError("[model]\nlayers = [{ units = 0 }]\n", key: "model.layers[0].units", mentioning: ["positive"])
        expectError("[cluster]\nworkers = -2\n", key: "cluster.workers", mentioning: ["between 0 and 1024"])
    }

    @Test func countsHaveUpperBoundsToo() {
        expectError("[experiment]\ntrials = 1000000000000\n", key: "experiment.trials", mentioning: ["100000"])
        expectError("[experiment]\ntrials = 100000\nrepeats = 2\n", key: "experiment.trials",
                    mentioning: ["200000", "at most 100000"])
        expectError("[cluster]\nretries = 11\n", key: "cluster.retries", mentioning: ["between 0 and 10"])
        expectError("[cluster]\ntrial_timeout = 1e9\n", key: "cluster.trial_timeout", mentioning: ["604800"])
    }

    @Test func aStrategyNamedTwiceIsRefused() {
        expectError("[experiment]\nstrategies = [\"clear\", \"clear\"]\n", key: "experiment.strategies",
                    mentioning: ["'clear' twice"])
    }

    @Test func dataMustFitTheModel() {
        expectError("[fit]\nx = [[1, 2]]\n", key: "fit.x", mentioning: ["model.inputs is 4"])
        expectError("[fit]\ny = [[1], [2]]\n", key: "fit.y", mentioning: ["2 rows"])
        expectError("[optimizer]\nkind = \"rmsprop\"\n", key: "optimizer.kind", mentioning: ["adam", "sgd"])
    }

    @Test func clusterSettingsAreRead() throws {
        let experiment = try parse("""
            [cluster]
            workers = 3
            max_trials_per_worker = 5
            max_worker_rss = "512M"
            retries = 0
            trial_timeout = 2.5
            launch = "exec"
            spread_in_process = true
            """)
        #expect(experiment.cluster.spreadInProcess)
        #expect(try parse("").cluster.spreadInProcess == false)
        expectError("[cluster]\nspread_in_process = 1\n", key: "cluster.spread_in_process", mentioning: ["true or false"])
        #expect(experiment.cluster.workers == 3)
        #expect(experiment.cluster.maxTrialsPerWorker == 5)
        #expect(experiment.cluster.maxWorkerRSSBytes == 512 << 20)
        #expect(experiment.cluster.retries == 0)
        #expect(experiment.cluster.trialTimeoutSeconds == 2.5)
        #expect(experiment.cluster.launch == .exec)
        expectError("[cluster]\nmax_worker_rss = \"lots\"\n", key: "cluster.max_worker_rss", mentioning: ["512M"])
    }

    @Test func theLauncherAndItsSrunOptionsAreRead() throws {
        let local = try parse("")
        #expect(local.cluster.launcher == .local)
        #expect(local.cluster.bind == nil)
        #expect(local.cluster.slurm == SlurmOptions())
        let slurm = try parse("""
            [cluster]
            launcher = "slurm"
            bind = "tcp://0.0.0.0:5555"

            [cluster.slurm]
            partition = "gpu"
            time = "00:30:00"
            args = ["--account=ml", "--mem=2G"]
            """)
        #expect(slurm.cluster.launcher == .slurm)
        #expect(slurm.cluster.bind == "tcp://0.0.0.0:5555")
        #expect(slurm.cluster.slurm.partition == "gpu")
        #expect(slurm.cluster.slurm.timeLimit == "00:30:00")
        #expect(slurm.cluster.slurm.arguments == ["--account=ml", "--mem=2G"])
        expectError("[cluster]\nlauncher = \"k8s\"\n", key: "cluster.launcher", mentioning: ["local, slurm"])
        expectError("[cluster.slurm]\nqueue = \"gpu\"\n", key: "cluster.slurm.queue", mentioning: ["partition", "time", "args"])
        expectError("[cluster.slurm]\nargs = \"--mem=2G\"\n", key: "cluster.slurm.args", mentioning: ["array of strings"])
    }

    @Test func byteSizesParseTheUsualSuffixes() {
        #expect(ByteSize.parse("0") == 0)
        #expect(ByteSize.parse("1024") == 1024)
        #expect(ByteSize.parse("2k") == 2048)
        #expect(ByteSize.parse("300M") == 300 << 20)
        #expect(ByteSize.parse("2GB") == 2 << 30)
        #expect(ByteSize.parse("") == nil)
        #expect(ByteSize.parse("-1") == nil)
        #expect(ByteSize.parse("1.5G") == nil)
    }
}
