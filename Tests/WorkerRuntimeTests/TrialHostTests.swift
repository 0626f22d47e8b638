import Testing
import TrialRecords
import Wire
@testable import WorkerRuntime

@Suite(.serialized) struct TrialHostTests {
    private func spec(_ strategy: Strategy, trial: Int) -> TrialSpec {
        TrialSpec(runID: "00000000000000ab", experiment: "e", strategy: strategy, trial: trial)
    }

    @Test func modelsBeforeCountsThisHostsModelsAcrossStrategies() {
        let host = TrialHost(worker: "local", launch: .inProcess)
        defer { host.reset() }
        let records = [spec(.noClear, trial: 0), spec(.noClear, trial: 1), spec(.clear, trial: 0)]
            .map { host.run($0, workload: .seed) }
        #expect(records.map(\.modelsBefore) == [0, 1, 2])
        #expect(records.allSatisfy { $0.runID == "00000000000000ab" && $0.outcome == .ok })
    }

    @Test func anOkTrialIsFullyMeasured() throws {
        let host = TrialHost(worker: "local", launch: .inProcess)
        defer { host.reset() }
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
