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

@Suite struct ModelsCreatedAxisTests {
    @Test func noRecordsOrOneOkRecordCountModelsInTheProcess() {
        #expect(ModelsCreated.axis(of: []) == .modelsInProcess)
        #expect(ModelsCreated.axis(of: [Synthetic.record(pid: 9)]) == .modelsInProcess)
    }

    @Test func everyTrialInAFreshProcessUsesTheTrialIndex() {
        let records = (0..<5).map { Synthetic.record("process", trial: $0, pid: Int32(100 + $0)) }
        #expect(ModelsCreated.axis(of: records) == .trialIndex)
        #expect(ModelsCreated.beforeEach(records) == [0, 0, 0, 0, 0])
    }

    @Test func oneSharedProcessIsEnoughToCountModelsInTheProcess() {
        var records = (0..<5).map { Synthetic.record("pool", trial: $0, pid: Int32(100 + $0)) }
        records.append(Synthetic.record("pool", trial: 5, pid: 104))
        #expect(ModelsCreated.axis(of: records) == .modelsInProcess)
    }
}
