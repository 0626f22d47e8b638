import Collecting
import Testing
import TrialRecords

@Suite struct ReceivedRecordsTests {
    private func key(_ run: String = "0123456789abcdef", strategy: Strategy = .clear, trial: Int, attempt: Int = 1) -> RecordKey {
        RecordKey(runID: run, strategy: strategy, repeat: 0, trial: trial, attempt: attempt)
    }

    @Test func anEmptyTableKnowsNoRunAndIgnoresItsEnd() {
        var table = ReceivedRecords()
        #expect(!table.knows("0123456789abcdef"))
        let check = table.end("0123456789abcdef", claimed: 0)
        #expect(check == .unknownRun)
        #expect(table.endedRuns == 0)
    }

    @Test func aRecordIsHeldOncePerKey() {
        var table = ReceivedRecords()
        let isNew = table.insert(key(trial: 0))
        #expect(isNew)
        let sameAgain = table.insert(key(trial: 0))
        #expect(!sameAgain, "the same record sent again")
        let otherAttempt = table.insert(key(trial: 0, attempt: 2))
        #expect(otherAttempt, "another attempt is another record")
        let otherStrategy = table.insert(key(strategy: .pool, trial: 0))
        #expect(otherStrategy, "another strategy is another record")
        let otherRun = table.insert(key("fedcba9876543210", trial: 0))
        #expect(otherRun, "another run is another record")
        #expect(table.count(of: "0123456789abcdef") == 3)
        #expect(table.count(of: "fedcba9876543210") == 1)
    }

    /// A run numbers its strategies as they come; records of one strategy
    /// between another's still find their own.
    @Test func keysOfInterleavedStrategiesEachFindTheirOwn() {
        var table = ReceivedRecords()
        let strategies: [Strategy] = [.clear, .pool, .clear, "my-own", .pool, "my-own"]
        let firstTimes = strategies.map { table.insert(key(strategy: $0, trial: 7)) }
        #expect(firstTimes == [true, true, false, true, false, false])
        let nextTrial = table.insert(key(strategy: .clear, trial: 8))
        let poolAgain = table.insert(key(strategy: .pool, trial: 7))
        #expect(nextTrial && !poolAgain)
        #expect(table.count(of: "0123456789abcdef") == 4)
    }

    @Test func keysOfInterleavedRunsEachFindTheirOwnRun() {
        var table = ReceivedRecords()
        table.open("fedcba9876543210")
        let inserted = [
            table.insert(key(trial: 0)), table.insert(key("fedcba9876543210", trial: 0)),
            table.insert(key(trial: 0)), table.insert(key(trial: 1)), table.insert(key("fedcba9876543210", trial: 0)),
        ]
        #expect(inserted == [true, true, false, true, false])
        #expect(table.count(of: "0123456789abcdef") == 2)
        #expect(table.end("fedcba9876543210", claimed: 1) == .agrees)
        #expect(table.knownRuns == 2)
    }

    @Test func openOrARecordMakesARunKnown() {
        var table = ReceivedRecords()
        table.open("aaaaaaaaaaaaaaaa")
        _ = table.insert(key("bbbbbbbbbbbbbbbb", trial: 0))
        #expect(table.knows("aaaaaaaaaaaaaaaa") && table.knows("bbbbbbbbbbbbbbbb"))
        let check = table.end("aaaaaaaaaaaaaaaa", claimed: 0)
        #expect(check == .agrees)
        let check2 = table.end("bbbbbbbbbbbbbbbb", claimed: 1)
        #expect(check2 == .agrees)
    }

    @Test func anEndWithAnotherCountIsReportedWithBothCounts() {
        var table = ReceivedRecords()
        for trial in 0..<3 { _ = table.insert(key(trial: trial)) }
        let check = table.end("0123456789abcdef", claimed: 5)
        #expect(check == .disagrees(claimed: 5, stored: 3))
        #expect(table.endedRuns == 1, "the run ended all the same")
    }

    @Test func endedRunsCountDistinctRuns() {
        var table = ReceivedRecords()
        table.open("aaaaaaaaaaaaaaaa")
        table.open("bbbbbbbbbbbbbbbb")
        let check = table.end("aaaaaaaaaaaaaaaa", claimed: 0)
        #expect(check == .agrees)
        let check2 = table.end("aaaaaaaaaaaaaaaa", claimed: 0)
        #expect(check2 == .alreadyEnded)
        #expect(table.endedRuns == 1)
        let check3 = table.end("bbbbbbbbbbbbbbbb", claimed: 0)
        #expect(check3 == .agrees)
        #expect(table.endedRuns == 2)
    }

    @Test func aTableBuiltFromAFileHoldsItsRecords() {
        let records = (0..<4).map {
            TrialRecord(
                runID: "0123456789abcdef", experiment: "e", strategy: .clear, trial: $0 % 2, worker: "w1", pid: 1,
                host: "h", launch: .exec, startedAt: "2026-12-03T12:00:00.000001Z", modelsBefore: 0)
        }
        var table = ReceivedRecords(existing: records)
        #expect(table.count(of: "0123456789abcdef") == 2, "a file with a record twice holds it once")
        let isNew = table.insert(key(trial: 1))
        #expect(!isNew)
        let check = table.end("0123456789abcdef", claimed: 2)
        #expect(check == .agrees)
    }
}
