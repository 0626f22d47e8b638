import Foundation
import Testing
import TrialRecords

extension EndToEnd {
    /// Runs with foreign workers: the Python package in `workers/python`, started
    /// by the coordinator from an experiment file's `[worker]` table. They need
    /// the project's venv (`make venv`, which `make test` runs first).
    @Suite(.enabled(if: PythonWorker.python != nil, "no .venv with the Python worker: run `make venv`"))
    struct PythonWorkerTests {
        @Test func aLeakyPythonTrialGrowsWithoutClearingAndStaysFlatWithIt() async throws {
            try await withTemporaryFolder { folder in
                let config = try PythonWorker.experiment(
                    in: folder, name: "leaky", strategies: ["no-clear", "clear", "process", "pool"], trials: 8,
                    target: "examples/python/leaky.py:leaky", framework: "python",
                    workload: "size = 100\nfail_trials = [3]", cluster: "max_trials_per_worker = 3")
                let out = folder.path("records.jsonl")
                let finished = try await PythonWorker.run([config, "--out", out, "--quiet"], in: folder)
                #expect(finished.status == 3, "trial 3 raises in every strategy; stderr:\n\(finished.stderr)")
                let records = try readRecords(out)
                for strategy in ["no-clear", "clear", "process", "pool"] {
                    let mine = records.filter { $0.strategy.rawValue == strategy }
                    #expect(mine.map(\.trial).sorted() == Array(0..<8), "\(strategy): one record per trial")
                    #expect(mine.filter { $0.outcome == .failed }.map(\.trial) == [3], "\(strategy)")
                    #expect(mine.first { $0.trial == 3 }?.reason?.contains("ValueError") == true)
                    #expect(mine.filter { $0.trial != 3 }.allSatisfy { $0.outcome == .ok }, "\(strategy)")
                }
                // no-clear: one worker serves every trial, the raising one included, and
                // what trials leave behind piles up; clear: nothing piles up.
                let noClear = records.filter { $0.strategy == .noClear && $0.outcome == .ok }.sorted { $0.trial < $1.trial }
                #expect(Set(records.filter { $0.strategy == .noClear }.map(\.pid)).count == 1)
                #expect(noClear.compactMap(\.liveVariables) == [1, 2, 3, 4, 5, 6, 7])
                let clear = records.filter { $0.strategy == .clear && $0.outcome == .ok }
                #expect(Set(clear.compactMap(\.liveVariables)) == [1])
                #expect(records.allSatisfy { $0.graphNodes == nil }, "a plain Python trial has no graph")
                let pool = records.filter { $0.strategy == .pool }
                #expect(Set(pool.map(\.pid)).count >= 3, "pool workers are recycled every 3 trials")
                #expect(Set(records.filter { $0.strategy == .process }.map(\.pid)).count == 8)
            }
        }

        @Test func aStrategyTheFrameworkCannotRunIsRefusedBeforeTheRun() async throws {
            try await withTemporaryFolder { folder in
                let config = try PythonWorker.experiment(
                    in: folder, name: "refused", strategies: ["clear", "scoped-graph"], trials: 2,
                    target: "examples/python/leaky.py:leaky", framework: "python", workload: "", cluster: "")
                let out = folder.path("records.jsonl")
                let finished = try await PythonWorker.run([config, "--out", out, "--quiet"], in: folder)
                #expect(finished.status == 2)
                #expect(finished.stderr.contains("scoped-graph") && finished.stderr.contains("'python'"),
                        "stderr:\n\(finished.stderr)")
                #expect(!FileManager.default.fileExists(atPath: out), "nothing ran")
            }
        }

        /// The zygote is started, and asked whether it serves, before the records file
        /// is opened: one that refuses (this module starts a thread when imported, and
        /// a fork would copy that thread's locks) refuses the run, naming the framework.
        @Test func aFrameworkWhoseZygoteRefusesToForkIsRefusedBeforeTheRun() async throws {
            try await withTemporaryFolder { folder in
                let config = try PythonWorker.experiment(
                    in: folder, name: "threaded", strategies: ["process"], trials: 2,
                    target: "workers/python/tests/trials/threaded.py:trial", framework: "python", workload: "",
                    cluster: "launch = \"fork-server\"")
                let out = folder.path("records.jsonl")
                let finished = try await PythonWorker.run([config, "--out", out, "--quiet"], in: folder)
                #expect(finished.status == 2, "stderr:\n\(finished.stderr)")
                #expect(finished.stderr.contains("launch \"fork-server\" is refused: framework python: Python threads"),
                        "stderr:\n\(finished.stderr)")
                #expect(finished.stderr.contains("--launch exec"))
                #expect(!FileManager.default.fileExists(atPath: out), "nothing ran")
            }
        }

        @Test(.enabled(if: PythonWorker.hasTensorFlow, "TensorFlow is not in .venv: run `make venv`"))
        func realKerasGraphsGrowUnlessClearedOrScopedToANewGraph() async throws {
            try await withTemporaryFolder { folder in
                let config = try PythonWorker.experiment(
                    in: folder, name: "keras", strategies: ["no-clear", "clear", "scoped-session", "scoped-graph"],
                    trials: 10, target: "examples/keras/seed.py:seed", framework: "tf1-keras",
                    workload: PythonWorker.kerasSeed, cluster: "")
                let out = folder.path("records.jsonl")
                let finished = try await PythonWorker.run(
                    [config, "--out", out, "--quiet"], in: folder, timeout: .seconds(300))
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                let records = try readRecords(out)
                func nodes(_ strategy: Strategy) -> [Int] {
                    records.filter { $0.strategy == strategy }.sorted { $0.trial < $1.trial }.compactMap(\.graphNodes)
                }
                for strategy in [Strategy.noClear, .scopedSession] {
                    let counts = nodes(strategy)
                    #expect(counts.count == 10 && zip(counts, counts.dropFirst()).allSatisfy { $0 < $1 },
                            "\(strategy): the default graph keeps every model: \(counts)")
                }
                for strategy in [Strategy.clear, .scopedGraph] {
                    let counts = nodes(strategy)
                    #expect(counts.count == 10 && Set(counts).count == 1, "\(strategy): flat: \(counts)")
                }
            }
        }
    }
}

/// The project's Python worker, as the tests start it.
enum PythonWorker {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `.venv/bin/python3`, when the venv has the worker package in it.
    static let python: String? = {
        let path = packageRoot.appendingPathComponent(".venv/bin/python3").path
        guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
        return canImport("isorun_worker", with: path) ? path : nil
    }()

    /// Whether the venv has TensorFlow and tf_keras.
    static let hasTensorFlow: Bool = {
        guard let python else { return false }
        return canImport("tensorflow", with: python) && canImport("tf_keras", with: python)
    }()

    private static func canImport(_ module: String, with python: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import importlib.util, sys; sys.exit(importlib.util.find_spec('\(module)') is None)"]
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// The classic experiment's parameters for `examples/keras/seed.py`.
    static let kerasSeed = """
        inputs = 4
        units = [8, 1]
        activation = "linear"
        optimizer = "adam"
        loss = "mse"
        epochs = 1
        batch_size = 1
        x = [[1.0, 1.0, 1.0, 1.0]]
        y = [[1.0]]
        """

    /// Writes an experiment file whose workers run `target` from this repository.
    static func experiment(
        in folder: TemporaryFolder, name: String, strategies: [String], trials: Int, target: String,
        framework: String, workload: String, cluster: String
    ) throws -> String {
        let python = try #require(python)
        let script = packageRoot.appendingPathComponent(target).path
        let text = """
            [experiment]
            name = "\(name)"
            strategies = [\(strategies.map { "\"\($0)\"" }.joined(separator: ", "))]
            trials = \(trials)

            [worker]
            command = ["\(python)", "-m", "isorun_worker", "\(script)"]
            framework = "\(framework)"

            [workload]
            \(workload)

            [cluster]
            workers = 2
            \(cluster)
            """
        let path = folder.path("\(name).toml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `isorun run` with these arguments to completion.
    static func run(
        _ arguments: [String], in folder: TemporaryFolder, timeout: Duration = .seconds(120)
    ) async throws -> Finished {
        try await runIsorun(["run"] + arguments, in: folder, timeout: timeout)
    }
}
