@testable import Collecting
import Testing
import TrialRecords
import Wire

@Suite struct CollectorBatchTests {
    private let sender: [UInt8] = [0, 1, 2, 3, 4]

    private func key(_ trial: Int, strategy: String = "clear", run: String = "0123456789abcdef") -> RecordKey {
        RecordKey(runID: run, strategy: Strategy(rawValue: strategy), repeat: 0, trial: trial, attempt: 1)
    }

    @Test func keysOfOneSenderAndRunShareOneAcknowledgement() {
        var batch = Collector.Batch()
        for trial in 0..<3 { batch.acknowledge(key(trial), to: sender) }
        batch.acknowledge(key(0, run: "fedcba9876543210"), to: sender)
        batch.acknowledge(key(1), to: [9])
        #expect(batch.replies.count == 3)
        #expect(batch.replies[0].ack.records == [key(0), key(1), key(2)])
    }

    @Test func longStrategyNamesSplitTheAcknowledgementBelowWhatARunTakes() {
        var batch = Collector.Batch()
        let name = String(repeating: "\"", count: 4096)
        for trial in 0..<1024 { batch.acknowledge(key(trial, strategy: name), to: sender) }
        #expect(batch.replies.count > 1)
        #expect(batch.replies.flatMap(\.ack.records) == (0..<1024).map { key($0, strategy: name) })
        let largest = batch.replies.map { WireMessage.ack($0.ack).frames.reduce(0) { $0 + $1.count } }.max() ?? 0
        #expect(largest <= Collector.Batch.ackBytes, "an ack of \(largest) bytes")
    }
}
