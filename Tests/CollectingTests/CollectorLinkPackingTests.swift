import Collecting
import Logging
import Processes
import Synchronization
import Testing
import TrialRecords
import Wire
import ZeroMQ

/// Which messages a run's link sends, against a collector played by hand on
/// a real ROUTER over ipc: `records` messages only to a collector whose
/// acknowledgements say it takes them, and never more records in one than it said.
@Suite struct CollectorLinkPackingTests {
    private let runID = "0123456789abcdef"

    /// A collector by hand: answers `open`, acknowledges every record,
    /// announcing `recordsPerMessage` in each answer, and notes each
    /// message's kind and record count, until the run's `end`.
    private final class HandCollector: Sendable {
        typealias Seen = (kinds: [String], recordsPerMessage: [Int], failure: String?)
        /// What the collector's thread saw, shared with the test's.
        private final class Shared: Sendable {
            let seen = Mutex<Seen>(([], [], nil))
        }

        private let shared = Shared()
        private let thread: OSThread

        init(bind endpoint: String, context: Context, runID: String, recordsPerMessage: Int) throws {
            let router = try Socket(context, type: .router)
            try router.setReceiveTimeout(.milliseconds(100))
            try router.bind(endpoint)
            let shared = shared
            thread = OSThread {
                defer { router.close() }
                let deadline = ContinuousClock.now + .seconds(20)
                var ended = false
                do {
                    while !ended, ContinuousClock.now < deadline {
                        guard let frames = try? router.receive(), frames.count == 4 else { continue }
                        let message = Array(frames.dropFirst())
                        let kind = String(decoding: message[1], as: UTF8.self)
                        var ack = WireMessage.Ack(runID: runID, recordsPerMessage: recordsPerMessage)
                        switch kind {
                        case "record":
                            ack.records = [try RecordCheck.check(message[2]).key]
                        case "records":
                            let records = try WireMessage.checkedRecords(frames: message, limit: .max) ?? []
                            ack.records = try records.map { try $0.get().key }
                        case "end":
                            (ack.ended, ended) = (true, true)
                        default:
                            break
                        }
                        shared.seen.withLock {
                            $0.kinds.append(kind)
                            if kind.hasPrefix("record") { $0.recordsPerMessage.append(ack.records.count) }
                        }
                        try router.send([frames[0]] + WireMessage.ack(ack).frames)
                    }
                } catch {
                    shared.seen.withLock { $0.failure = "\(error)" }
                }
            }
        }

        func join() -> Seen {
            thread.join()
            return shared.seen.withLock { $0 }
        }
    }

    @Test(arguments: [0, 8])
    func recordsArePackedOnlyAsTheCollectorSays(recordsPerMessage: Int) throws {
        let folder = try PrivateFolder()
        defer { folder.remove() }
        let endpoint = "ipc://\(folder.path)/collect"
        let context = try Context()
        let collector = try HandCollector(
            bind: endpoint, context: context, runID: runID, recordsPerMessage: recordsPerMessage)
        let link = try CollectorLink(connect: endpoint, runID: runID, context: context, logger: Logger(label: "test"))
        #expect(link.waitForAnswer(timeout: .seconds(10)))
        for trial in 0..<40 {
            let record = TrialRecord(
                runID: runID, experiment: "e", strategy: .clear, trial: trial, worker: "w1", pid: 1, host: "h",
                launch: .exec, startedAt: "2026-12-03T12:00:00.000001Z", modelsBefore: trial)
            link.send(RecordKey(record), json: record.jsonBytes())
        }
        let delivery = link.finish(timeout: .seconds(10))
        let seen = collector.join()
        #expect(seen.failure == nil)
        #expect(delivery.acknowledged == 40 && delivery.ended)
        #expect(seen.recordsPerMessage.reduce(0, +) == 40)
        if recordsPerMessage == 0 {
            #expect(seen.kinds.filter { $0.hasPrefix("record") } == Array(repeating: "record", count: 40))
        } else {
            #expect(!seen.kinds.contains("record"), "\(seen.kinds)")
            #expect(seen.recordsPerMessage.allSatisfy { (1...recordsPerMessage).contains($0) }, "\(seen.recordsPerMessage)")
            #expect(seen.recordsPerMessage.count < 40, "some messages carried several records: \(seen.recordsPerMessage)")
        }
    }
}
