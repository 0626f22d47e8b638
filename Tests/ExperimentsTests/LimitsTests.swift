import Testing
@testable import Experiments

@Suite struct LimitsTests {
    @Test func rangesAreSaidAsUsersTypeThem() {
        #expect(Limits.phrase(Limits.trials) == "must be between 1 and 100000")
        #expect(Limits.phrase(Limits.trialTimeoutSeconds, unit: "seconds") == "must be between 0 and 604800 seconds")
    }

    @Test func theLargestRunAllowedHasAPlanOfBoundedSize() {
        let experiment = Experiment(
            name: "e", strategies: [.clear], trials: Limits.trials.upperBound,
            repeats: Limits.trialsPerStrategy / Limits.trials.upperBound)
        #expect(RunPlan(experiment).stages.reduce(0) { $0 + $1.trials.count } == Limits.trialsPerStrategy)
    }
}
