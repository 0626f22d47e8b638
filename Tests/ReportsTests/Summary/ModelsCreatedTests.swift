import Analysis
import Reports
import Testing

@Suite struct ModelsCreatedTests {
    @Test func theXIsTheRecordsModelsBeforeOrItsTrialOnTheTrialAxis() {
        let record = Synthetic.record(trial: 7, modelsBefore: 3)
        #expect(ModelsCreated.x(of: record, axis: .modelsInProcess) == 3)
        #expect(ModelsCreated.x(of: record, axis: .trialIndex) == 7)
    }

    @Test func aProcessIsItsRunHostPidAndRepeat() {
        let one = Synthetic.record(trial: 0, pid: 1)
        var otherRun = one
        otherRun.runID = "ffffffffffffffff"
        #expect(ModelsCreated.sequence(of: one, axis: .modelsInProcess)
                != ModelsCreated.sequence(of: otherRun, axis: .modelsInProcess))
        #expect(ModelsCreated.sequence(of: one, axis: .modelsInProcess)
                == ModelsCreated.sequence(of: Synthetic.record(trial: 5, pid: 1), axis: .modelsInProcess))
        #expect(ModelsCreated.sequence(of: one, axis: .trialIndex)
                == ModelsCreated.sequence(of: Synthetic.record(trial: 5, pid: 2), axis: .trialIndex))
    }
}

@Suite struct ModelsCreatedAxisTests {
    @Test func noRecordsOrOneOkRecordCountModelsInTheProcess() {
        #expect(ModelsCreated.axis(of: []) == .modelsInProcess)
        #expect(ModelsCreated.axis(of: [Synthetic.record(pid: 9)]) == .modelsInProcess)
    }

    @Test func everyTrialInAFreshProcessUsesTheTrialIndex() {
        let records = (0..<5).map { Synthetic.record("process", trial: $0, pid: Int32(100 + $0), modelsBefore: 0) }
        #expect(ModelsCreated.axis(of: records) == .trialIndex)
    }

    @Test func oneSharedProcessIsEnoughToCountModelsInTheProcess() {
        var records = (0..<5).map { Synthetic.record("pool", trial: $0, pid: Int32(100 + $0), modelsBefore: 0) }
        records.append(Synthetic.record("pool", trial: 5, pid: 104, modelsBefore: 1))
        #expect(ModelsCreated.axis(of: records) == .modelsInProcess)
    }
}
