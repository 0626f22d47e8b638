import Analysis
import Reports
import Testing
import TrialRecords

@Suite struct OutcomeCountsTests {
    @Test func noRecordsNoTrials() {
        let counts = OutcomeCounts([TrialRecord]())
        #expect(counts.total == 0 && counts.attempts == 0)
        #expect(counts.trialsLine == "0/0 trials ok")
    }

    @Test func twoTrialsLostTwiceAreTwoTrialsNotFour() {
        let records = [0, 1].flatMap { trial in
            [1, 2].map { attempt -> TrialRecord in
                var record = Synthetic.record(trial: trial, outcome: .workerLost)
                record.attempt = attempt
                return record
            }
        }
        let counts = OutcomeCounts(records)
        #expect(counts.total == 2)
        #expect(counts.workerLost == 2)
        #expect(counts.attempts == 4)
        #expect(counts.trialsLine == "0/2 trials ok (2 worker-lost; 4 attempts)")
    }

    @Test func aRetryThatSucceededCountsAsOneOkTrial() {
        var lost = Synthetic.record(trial: 0, outcome: .workerLost)
        lost.attempt = 1
        var retried = Synthetic.record(trial: 0)
        retried.attempt = 2
        let counts = OutcomeCounts([retried, lost])
        #expect(counts.ok == 1 && counts.total == 1 && counts.attempts == 2)
        #expect(counts.trialsLine == "1/1 trial ok (2 attempts)")
    }

    @Test func theSameTrialOfTwoRunsOrTwoStrategiesIsTwoTrials() {
        var other = Synthetic.record(trial: 0)
        other.runID = "00000000000000ff"
        #expect(OutcomeCounts([Synthetic.record(trial: 0), other]).total == 2)
        let strategies = [Synthetic.record("no-clear", trial: 0), Synthetic.record("clear", trial: 0)]
        #expect(OutcomeCounts(strategies).trialsLine == "2/2 trials ok")
    }
}
