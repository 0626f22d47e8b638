import Testing
import TrialRecords

@Suite struct StrategyTests {
    @Test func knownNamesAreTheCanonicalSix() {
        #expect(Strategy.allNames == ["no-clear", "clear", "scoped-session", "scoped-graph", "process", "pool"])
        #expect(Strategy.known.allSatisfy { $0.isKnown })
    }

    @Test func anyNameIsAStrategyButOnlyKnownOnesAreNamed() {
        let foreign = Strategy(rawValue: "keras-tf2")
        #expect(!foreign.isKnown)
        #expect(Strategy.named("keras-tf2") == nil)
        #expect(Strategy.named("") == nil)
        #expect(Strategy.named("scoped-graph") == .scopedGraph)
        #expect(foreign.inProcessDiscipline == foreign)
        #expect(!foreign.isolatesProcesses)
    }

    @Test func processStrategiesRunUnderAnInProcessDiscipline() {
        #expect(Strategy.process.inProcessDiscipline == .noClear)
        #expect(Strategy.pool.inProcessDiscipline == .clear)
        #expect(Strategy.known.filter(\.isolatesProcesses) == [.process, .pool])
    }
}
