import Testing
import TrialRecords
@testable import Experiments

@Suite struct ExperimentSpreadTests {
    @Test func inProcessStrategiesUseOneWorkerUnlessSpread() {
        var experiment = Experiment(name: "e", strategies: Strategy.known, trials: 20)
        #expect(Strategy.known.map { experiment.stageWorkers(for: $0, workers: 4) } == [1, 1, 1, 1, 4, 4])
        experiment.cluster.spreadInProcess = true
        #expect(Strategy.known.map { experiment.stageWorkers(for: $0, workers: 4) } == [4, 4, 4, 4, 4, 4])
    }

    @Test func aStrategySpreadTooThinIsWarnedOf() {
        var experiment = Experiment(name: "e", strategies: [.noClear, .pool], trials: 20)
        #expect(experiment.spreadWarnings(workers: 2).isEmpty, "one process each by default")
        experiment.cluster.spreadInProcess = true
        #expect(experiment.spreadWarnings(workers: 1).isEmpty)
        let warnings = experiment.spreadWarnings(workers: 2)
        #expect(warnings.count == 1, "pool recycles by design; only no-clear is warned of")
        #expect(warnings.first?.hasPrefix("no-clear's 20 trials over 2 workers give about 10 models per process") == true)
        experiment.trials = 40
        #expect(experiment.spreadWarnings(workers: 2).isEmpty)
    }
}
