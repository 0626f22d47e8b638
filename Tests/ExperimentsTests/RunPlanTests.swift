import Testing
import TrialRecords
@testable import Experiments

@Suite struct RunPlanTests {
    @Test func stagesGoStrategyByStrategyThenRepeatByRepeat() {
        let experiment = Experiment(name: "e", strategies: [.clear, .pool], trials: 3, repeats: 2)
        let plan = RunPlan(experiment)
        #expect(plan.stages.map(\.strategy) == [.clear, .clear, .pool, .pool])
        #expect(plan.stages.map(\.repeat) == [0, 1, 0, 1])
        #expect(plan.stages.allSatisfy { $0.trials.map(\.trial) == [0, 1, 2] })
        #expect(plan.stages[3].trials.allSatisfy { $0.repeat == 1 && $0.attempt == 1 && $0.strategy == .pool })
        #expect(plan.trialsPerStrategy.map(\.trials) == [6, 6])
    }

    @Test func everyTrialCarriesTheRunsRandomID() {
        let experiment = Experiment(name: "e", strategies: [.clear, .pool], trials: 2)
        let plan = RunPlan(experiment)
        #expect(plan.runID.count == 16)
        #expect(plan.runID.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(plan.stages.flatMap(\.trials).allSatisfy { $0.runID == plan.runID })
        #expect(RunPlan(experiment).runID != plan.runID)
        #expect(RunPlan(experiment, runID: "00000000000000aa").stages[0].trials[0].runID == "00000000000000aa")
    }

    @Test func onlyProcessAndPoolNeedWorkers() {
        #expect(Strategy.known.filter(\.isolatesProcesses) == [.process, .pool])
        #expect(Strategy.process.inProcessDiscipline == .noClear)
        #expect(Strategy.pool.inProcessDiscipline == .clear)
        #expect(Strategy.scopedSession.inProcessDiscipline == .scopedSession)
    }
}
