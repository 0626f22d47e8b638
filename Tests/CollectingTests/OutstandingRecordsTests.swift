import Collecting
import Testing
import TrialRecords

@Suite struct OutstandingRecordsTests {
    private let start = ContinuousClock.now
    private let resendAfter = Duration.seconds(2)

    private func key(_ trial: Int) -> RecordKey {
        RecordKey(runID: "0123456789abcdef", strategy: .clear, repeat: 0, trial: trial, attempt: 1)
    }

    private func at(_ seconds: Double) -> ContinuousClock.Instant { start + .seconds(seconds) }

    @Test func nothingKeptIsNothingDue() {
        var kept = OutstandingRecords(byteLimit: 100)
        #expect(kept.isEmpty && kept.oldestSend == nil)
        let due = kept.nextDue(at: at(100), resendAfter: resendAfter)
        #expect(due == nil)
    }

    @Test func aRecordIsDueOnlyAfterTheResendTime() {
        var kept = OutstandingRecords(byteLimit: 100)
        let isKept = kept.add(key(0), bytes: [1, 2, 3], at: at(0))
        #expect(isKept)
        let early = kept.nextDue(at: at(1), resendAfter: resendAfter)
        #expect(early == nil)
        let due = kept.nextDue(at: at(2), resendAfter: resendAfter)
        #expect(due?.key == key(0) && due?.bytes == [1, 2, 3])
    }

    @Test func anAcknowledgedRecordIsForgottenAndNeverDue() {
        var kept = OutstandingRecords(byteLimit: 100)
        _ = kept.add(key(0), bytes: [1], at: at(0))
        _ = kept.add(key(1), bytes: [2, 2], at: at(0))
        let forgotten = kept.acknowledge([key(0)])
        #expect(forgotten == 1)
        let forgotten2 = kept.acknowledge([key(0), key(7)])
        #expect(forgotten2 == 0, "a duplicate's acknowledgement, and one of a record never kept")
        #expect(kept.count == 1 && kept.keptBytes == 2)
        let due = kept.nextDue(at: at(5), resendAfter: resendAfter)
        #expect(due?.key == key(1))
        let forgotten3 = kept.acknowledge([key(1)])
        #expect(forgotten3 == 1)
        #expect(kept.isEmpty && kept.keptBytes == 0)
        let due2 = kept.nextDue(at: at(10), resendAfter: resendAfter)
        #expect(due2 == nil)
    }

    @Test func resentRecordsGoBehindTheOthersOldestFirst() {
        var kept = OutstandingRecords(byteLimit: 100)
        for trial in 0..<3 { _ = kept.add(key(trial), bytes: [UInt8(trial)], at: at(Double(trial))) }
        var order: [Int] = []
        while let due = kept.nextDue(at: at(10), resendAfter: resendAfter) {
            order.append(due.key.trial)
            kept.resent(due.key, at: at(10))
        }
        #expect(order == [0, 1, 2])
        #expect(kept.count == 3, "sent again, still not acknowledged")
        #expect(kept.oldestSend == at(10))
        let early = kept.nextDue(at: at(11), resendAfter: resendAfter)
        #expect(early == nil)
        let due = kept.nextDue(at: at(12), resendAfter: resendAfter)
        #expect(due?.key == key(0))
    }

    @Test func aRecordPastTheByteLimitIsNotKept() {
        var kept = OutstandingRecords(byteLimit: 5)
        let isKept = kept.add(key(0), bytes: [0, 0, 0], at: at(0))
        #expect(isKept)
        let isKept2 = kept.add(key(1), bytes: [0, 0, 0], at: at(0))
        #expect(!isKept2)
        #expect(kept.count == 1 && kept.keptBytes == 3)
        _ = kept.acknowledge([key(0)])
        let isKept3 = kept.add(key(2), bytes: [0, 0, 0, 0, 0], at: at(0))
        #expect(isKept3, "room again once acknowledged")
    }

    @Test func manyAcknowledgedRecordsLeaveNothingBehind() {
        var kept = OutstandingRecords(byteLimit: 1 << 20)
        // One record stays unacknowledged in front while thousands pass behind it.
        _ = kept.add(key(0), bytes: [0], at: at(0))
        for trial in 1...5000 {
            _ = kept.add(key(trial), bytes: [1], at: at(0))
            _ = kept.acknowledge([key(trial)])
        }
        #expect(kept.count == 1 && kept.keptBytes == 1)
        let due = kept.nextDue(at: at(3), resendAfter: resendAfter)
        #expect(due?.key == key(0))
        kept.resent(key(0), at: at(3))
        let early = kept.nextDue(at: at(4), resendAfter: resendAfter)
        #expect(early == nil, "no acknowledged record comes back")
        let dueAgain = kept.nextDue(at: at(5), resendAfter: resendAfter)
        #expect(dueAgain?.key == key(0))
    }
}
