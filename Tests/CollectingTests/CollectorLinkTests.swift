import Collecting
import Logging
import Processes
import SystemPackage
import Testing
import TrialRecords
import ZeroMQ

/// ``CollectorLink`` against a real ``Collector`` (on its own thread) over a
/// real ipc socket, or against nobody.
@Suite struct CollectorLinkTests {
    private let runID = "0123456789abcdef"
    private let logger = Logger(label: "isorun.test.link")

    private func record(_ trial: Int) -> (key: RecordKey, json: [UInt8]) {
        let record = TrialRecord(
            runID: runID, experiment: "e", strategy: .clear, trial: trial, worker: "w1", pid: 1, host: "h",
            launch: .exec, startedAt: "2026-12-03T12:00:00.000001Z", modelsBefore: trial)
        return (RecordKey(record), Array(record.jsonLine().utf8))
    }

    private func withFolder(_ body: (PrivateFolder) throws -> Void) throws {
        let folder = try PrivateFolder()
        defer { folder.remove() }
        try body(folder)
    }

    @Test func everyRecordIsAcknowledgedAndTheEndTaken() throws {
        try withFolder { folder in
            let endpoint = "ipc://\(folder.path)/collect"
            let context = try Context()
            let collector = try CollectorThread(
                bind: endpoint, output: FilePath("\(folder.path)/collected.jsonl"), context: context, logger: logger)
            let link = try CollectorLink(connect: endpoint, runID: runID, context: context, logger: logger)
            #expect(link.waitForAnswer(timeout: .seconds(10)))
            for trial in 0..<50 { link.send(record(trial).key, json: record(trial).json) }
            let delivery = link.finish(timeout: .seconds(10))
            #expect(delivery.records == 50 && delivery.acknowledged == 50)
            #expect(delivery.unacknowledged == 0 && delivery.notKept == 0 && delivery.ended)
            #expect(try collector.join().records == 50)
        }
    }

    @Test func withNoCollectorNothingIsAcknowledgedAndWhatIsKeptIsBounded() throws {
        try withFolder { folder in
            var settings = CollectorLink.Settings()
            settings.byteLimit = 3 * record(0).json.count
            let link = try CollectorLink(
                connect: "ipc://\(folder.path)/nobody", runID: runID, context: try Context(), settings: settings,
                logger: logger)
            #expect(!link.waitForAnswer(timeout: .milliseconds(200)))
            for trial in 0..<10 { link.send(record(trial).key, json: record(trial).json) }
            let delivery = link.finish(timeout: .milliseconds(200))
            #expect(delivery.records == 10 && delivery.acknowledged == 0 && !delivery.ended)
            #expect(delivery.unacknowledged == 3, "kept up to the bound")
            #expect(delivery.notKept == 7, "past the bound, counted")
        }
    }

    @Test func aCollectorThatComesLateGetsWhatWasKeptForIt() throws {
        try withFolder { folder in
            let endpoint = "ipc://\(folder.path)/collect"
            let context = try Context()
            var settings = CollectorLink.Settings()
            settings.resendAfter = .milliseconds(200)
            let link = try CollectorLink(connect: endpoint, runID: runID, context: context, settings: settings, logger: logger)
            for trial in 0..<20 { link.send(record(trial).key, json: record(trial).json) }
            #expect(!link.waitForAnswer(timeout: .milliseconds(300)))
            let collector = try CollectorThread(
                bind: endpoint, output: FilePath("\(folder.path)/collected.jsonl"), context: context, logger: logger)
            #expect(link.waitForAnswer(timeout: .seconds(10)))
            let delivery = link.finish(timeout: .seconds(10))
            #expect(delivery.acknowledged == 20 && delivery.unacknowledged == 0 && delivery.ended)
            #expect(try collector.join().records == 20, "each record once, however often it was sent")
        }
    }
}
