import Reports
import Testing

@Suite struct VerdictTests {
    @Test func noRecordsNoConclusions() {
        let verdict = Verdict(summary: RunSummary(records: []))
        #expect(verdict.cheapest == nil)
        #expect(verdict.sentences.isEmpty)
    }

    @Test func oneStrategyIsTheCheapestAndNothingDependsOnMissingOnes() {
        let verdict = Verdict(summary: RunSummary(records: Synthetic.records([.init(strategy: .clear)], trials: 20)))
        #expect(verdict.cheapest == "clear")
        #expect(verdict.breakEvens.isEmpty)
        #expect(verdict.isolationPrices.isEmpty)
        #expect(!verdict.sentences.joined().contains("Break-even"))
        #expect(!verdict.unevenTrials)
    }

    @Test func unevenTrialCountsAreNamedBesideTheRanking() {
        let records = [Synthetic.record("clear"), Synthetic.record("pool"), Synthetic.record("pool", trial: 1)]
        let verdict = Verdict(summary: RunSummary(records: records))
        #expect(verdict.unevenTrials)
        #expect(verdict.sentences[0].contains("different numbers of ok trials"))
    }

    @Test func growthWithoutClearingIsRealAndClearingIsFlat() throws {
        let summary = RunSummary(records: Synthetic.records(trials: 100))
        let verdict = Verdict(summary: summary)
        let noClear = try #require(verdict.strategies.first { $0.strategy == "no-clear" })
        let clear = try #require(verdict.strategies.first { $0.strategy == "clear" })
        #expect(noClear.cost.growthKind == .increasing)
        #expect(noClear.memory.growthKind == .increasing)
        #expect(clear.cost.growthKind == .indistinguishableFromZero)
        #expect(clear.sentence.contains("indistinguishable from zero"))
        #expect(noClear.sentence.contains("real growth"))
        #expect(verdict.cheapest != "no-clear")
        let process = try #require(verdict.breakEvens.first { $0.strategy == "process" })
        let models = try #require(process.models)
        #expect(models > 1 && models < 100_000)
        #expect(verdict.sentences.contains { $0.contains("Break-even against process") && $0.contains("after \(models) models") })
        #expect(verdict.isolationPrices.map(\.strategy) == ["process", "pool"])
    }
}

@Suite struct VerdictFreshProcessTests {
    @Test func freshProcessesSayNothingAccumulatesByConstruction() throws {
        let summary = RunSummary(records: Synthetic.records(trials: 100))
        let process = try #require(Verdict(summary: summary).strategies.first { $0.strategy == "process" })
        #expect(process.axis == .trialIndex)
        #expect(process.sentence.contains("each trial ran in a fresh process, so nothing accumulates"))
        #expect(process.sentence.contains("does not drift over the run"))
        #expect(process.headline.contains("fresh process per trial"))
        #expect(!process.headline.contains("too few trials"))
        let text = TextReport.render(summary, verdict: Verdict(summary: summary))
        #expect(text.contains("none by construction: each trial ran in a fresh process"))
        #expect(!text.contains("undefined"))
    }
}
