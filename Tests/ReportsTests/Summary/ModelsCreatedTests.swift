import Reports
import Testing

@Suite struct ModelsCreatedTests {
    @Test func noRecordsNoRanks() {
        #expect(ModelsCreated.beforeEach([]).isEmpty)
    }

    @Test func inOneProcessTheRankIsTheTrial() {
        let records = [3, 0, 2, 1].map { Synthetic.record(trial: $0) }
        #expect(ModelsCreated.beforeEach(records) == [3, 0, 2, 1])
    }

    @Test func onSeveralWorkersTheRankCountsOnlyTheSameProcess() {
        let records = [
            Synthetic.record(trial: 0, pid: 1), Synthetic.record(trial: 1, pid: 2),
            Synthetic.record(trial: 2, pid: 1), Synthetic.record(trial: 3, pid: 2),
            Synthetic.record(trial: 4, pid: 1), Synthetic.record(trial: 0, pid: 1, repeat: 1),
        ]
        #expect(ModelsCreated.beforeEach(records) == [0, 0, 1, 1, 2, 0])
    }
}
