import Analysis
import Reports
import Testing
import TrialRecords

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
        #expect(noClear.sentence.contains("(grows: adds"))
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

@Suite struct VerdictCostModelTests {
    /// no-clear growing from 1 ms by 20 µs a model; pool at 1.2 ms a trial with one
    /// 20 ms recycling start-up in ten (mean 3.1 ms, median 1.2 ms).
    private func records(trials: Int = 40) -> [TrialRecord] {
        let noClear = (0..<trials).map { Synthetic.record("no-clear", trial: $0, total: 0.001 + 2e-5 * Double($0)) }
        let pool = (0..<trials).map { trial -> TrialRecord in
            var record = Synthetic.record("pool", trial: trial, total: 0.001, pid: Int32(10 + trial / 10),
                                          modelsBefore: trial % 10)
            record.isolationSeconds = trial % 10 == 0 ? 0.02 + 0.0002 : 0.0002
            return record
        }
        return noClear + pool
    }

    @Test func theRankingAndTheBreakEvenUseTheSameMeans() throws {
        let verdict = Verdict(summary: RunSummary(records: records()))
        let pool = try #require(verdict.ranking.first { $0.strategy == "pool" })
        let noClear = try #require(verdict.ranking.first { $0.strategy == "no-clear" })
        let breakEven = try #require(verdict.breakEvens.first { $0.strategy == "pool" })
        #expect(breakEven.isolatedCost == pool.seconds)
        // no-clear is cheaper over these 40 models, so it cannot have cost more after fewer.
        #expect(noClear.seconds < pool.seconds)
        #expect(try #require(breakEven.models) > 40)
        #expect(verdict.runSentences.contains(Verdict.costModel))
    }

    @Test func aMeanFarFromItsMedianShowsBoth() throws {
        let verdict = Verdict(summary: RunSummary(records: records()))
        let ranking = try #require(verdict.runSentences.first)
        #expect(ranking.contains("pool 3.20 ms mean (median 1.20 ms)"), "\(ranking)")
        #expect(!ranking.contains("no-clear 1.39 ms mean"))
    }
}

@Suite struct VerdictHeadlineTests {
    @Test func memoryKeptPerModelIsGrowthEvenWhenTimeIsFlat() throws {
        let records = Synthetic.records([.init(strategy: .noClear, rssGrowth: 48 * 1024), .init(strategy: .clear)],
                                        trials: 100)
        let verdict = Verdict(summary: RunSummary(records: records))
        let noClear = try #require(verdict.strategies.first { $0.strategy == "no-clear" })
        #expect(noClear.headline.hasPrefix("grows: each model already created keeps"), "\(noClear.headline)")
        #expect(noClear.headline.contains("time per model does not grow measurably"))
        let clear = try #require(verdict.strategies.first { $0.strategy == "clear" })
        #expect(clear.headline == "flat: no growth that matters in time or memory")
    }
}
