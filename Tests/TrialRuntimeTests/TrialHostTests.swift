import Testing
import TrialRecords
import Wire
@testable import TrialRuntime

/// Only `scoped-graph` trials here: they build in a graph and session of their own,
/// pushed for the calling task, so these tests never touch the process-wide default
/// graph that DataflowTests' BackendTests own (and run in parallel with).
@Suite(.serialized) struct TrialHostTests {
    private func spec(_ strategy: Strategy, trial: Int) -> TrialSpec {
        TrialSpec(runID: "00000000000000ab", experiment: "e", strategy: strategy, trial: trial)
    }

    @Test func modelsBeforeCountsThisHostsModels() {
        let host = TrialHost(worker: "local", launch: .inProcess)
        let records = [spec(.scopedGraph, trial: 0), spec(.scopedGraph, trial: 1), spec(.scopedGraph, trial: 2)]
            .map { host.run($0, workload: .seed) }
        #expect(records.map(\.modelsBefore) == [0, 1, 2])
        #expect(records.allSatisfy { $0.runID == "00000000000000ab" && $0.outcome == .ok })
    }

    @Test func anOkTrialIsFullyMeasured() throws {
        let host = TrialHost(worker: "local", launch: .inProcess)
        let record = host.run(spec(.scopedGraph, trial: 0), workload: .seed)
        let values = Dictionary(uniqueKeysWithValues: TrialRecord.fields.map { ($0.key, $0.value(record)) })
        #expect(values.filter { $0.value == .null }.keys.sorted() == ["reason", "recycled"])
        #expect(try #require(record.peakRSSBytes) >= record.rssBytes!)
        #expect(record.startedAt.count == 27 && record.startedAt.hasSuffix("Z"))
    }

    @Test func anUnknownStrategyFailsWithNothingMeasured() {
        let host = TrialHost(worker: "w1", launch: .exec)
        let record = host.run(spec(Strategy(rawValue: "keras-tf2"), trial: 0), workload: .seed)
        #expect(record.outcome == .failed)
        #expect(record.reason?.contains("keras-tf2") == true)
        #expect(record.totalSeconds == nil && record.isolationSeconds == nil && record.rssBytes == nil)
        #expect(host.modelsCreated == 0)
    }
}
