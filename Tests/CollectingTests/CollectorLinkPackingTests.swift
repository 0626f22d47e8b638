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
/// acknowledgements say it takes them, never more records in one than it
/// said, and no more than the window while it does not answer.
@Suite struct CollectorLinkPackingTests {
    private let runID = "0123456789abcdef"

    /// A collector by hand: answers `open`, acknowledges every record,
    /// announcing `recordsPerMessage` in each answer, and notes each
    /// message's kind, its count of records and their bytes, until the run's
    /// `end` or ``stop()``. Made `silent`, it reads on and answers nothing
    /// after its first answer, until ``answer()``; with `recordsPerMessage`
    /// of 1 or less it ignores `records` messages, as a collector written
    /// before them would.
    private final class HandCollector: Sendable {
        struct Seen {
            var kinds: [String] = []
            /// The records in each `record` or `records` message, in order.
            var recordCounts: [Int] = []
            var recordBytes = 0
            var failure: String?
            var answered = 0
            var silent: Bool
            var stopped = false
        }

        /// What the collector's thread saw, shared with the test's.
        private final class Shared: Sendable {
            let seen: Mutex<Seen>

            init(silent: Bool) {
                seen = Mutex(Seen(silent: silent))
            }
        }

        private let shared: Shared
        private let thread: OSThread

        init(bind endpoint: String, context: Context, runID: String, recordsPerMessage: Int, silent: Bool = false) throws {
            let router = try Socket(context, type: .router)
            try router.setReceiveTimeout(.milliseconds(100))
            try router.bind(endpoint)
            let shared = Shared(silent: silent)
            self.shared = shared
            thread = OSThread {
                defer { router.close() }
                let deadline = ContinuousClock.now + .seconds(20)
                var ended = false
                do {
                    while !ended, ContinuousClock.now < deadline, !shared.seen.withLock({ $0.stopped }) {
                        guard let frames = try? router.receive(), frames.count == 4 else { continue }
                        let message = Array(frames.dropFirst())
                        let kind = String(decoding: message[1], as: UTF8.self)
                        var ack = WireMessage.Ack(runID: runID, recordsPerMessage: recordsPerMessage)
                        switch kind {
                        case "record":
                            ack.records = [try RecordCheck.check(message[2]).key]
                        case "records" where recordsPerMessage > 1:
                            let records = try WireMessage.checkedRecords(frames: message, limit: .max) ?? []
                            ack.records = try records.map { try $0.get().key }
                        case "end":
                            (ack.ended, ended) = (true, true)
                        case "open":
                            break
                        default:
                            shared.seen.withLock { $0.kinds.append("ignored \(kind)") }
                            continue
                        }
                        let answers = shared.seen.withLock { seen in
                            seen.kinds.append(kind)
                            if kind.hasPrefix("record") {
                                seen.recordCounts.append(ack.records.count)
                                seen.recordBytes += message[2].count
                            }
                            let answers = !seen.silent || seen.answered == 0
                            if answers { seen.answered += 1 }
                            return answers
                        }
                        if answers { try router.send([frames[0]] + WireMessage.ack(ack).frames) }
                    }
                } catch {
                    shared.seen.withLock { $0.failure = "\(error)" }
                }
            }
        }

        var seen: Seen { shared.seen.withLock { $0 } }

        /// Answers everything from now on, the records already taken with the next answer.
        func answer() {
            shared.seen.withLock { $0.silent = false }
        }

        /// Closes the socket, as a collector that dies.
        func stop() -> Seen {
            shared.seen.withLock { $0.stopped = true }
            return join()
        }

        func join() -> Seen {
            thread.join()
            return seen
        }
    }

    /// A hand collector at an ipc endpoint in `folder`, and a run's link to it, answered.
    private func connect(
        in folder: PrivateFolder, recordsPerMessage: Int, silent: Bool = false,
        settings: CollectorLink.Settings = CollectorLink.Settings()
    ) throws -> (collector: HandCollector, link: CollectorLink, endpoint: String, context: Context) {
        let endpoint = "ipc://\(folder.path)/collect"
        let context = try Context()
        let collector = try HandCollector(
            bind: endpoint, context: context, runID: runID, recordsPerMessage: recordsPerMessage, silent: silent)
        let link = try CollectorLink(
            connect: endpoint, runID: runID, context: context, settings: settings, logger: Logger(label: "test"))
        #expect(link.waitForAnswer(timeout: .seconds(10)))
        return (collector, link, endpoint, context)
    }

    /// Hands `count` records, trials 0 on, to `link`.
    private func send(_ count: Int, over link: CollectorLink) {
        for trial in 0..<count {
            let record = TrialRecord(
                runID: runID, experiment: "e", strategy: .clear, trial: trial, worker: "w1", pid: 1, host: "h",
                launch: .exec, startedAt: "2026-12-03T12:00:00.000001Z", modelsBefore: trial)
            link.send(RecordKey(record), json: record.jsonBytes())
        }
    }

    /// Waits until `condition` holds, 10 s at most.
    private func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
    }

    @Test(arguments: [0, 1, -1, 8, .max])
    func recordsArePackedOnlyAsTheCollectorSays(recordsPerMessage: Int) throws {
        let folder = try PrivateFolder()
        defer { folder.remove() }
        let (collector, link, _, _) = try connect(in: folder, recordsPerMessage: recordsPerMessage)
        send(40, over: link)
        let delivery = link.finish(timeout: .seconds(10))
        let seen = collector.join()
        #expect(seen.failure == nil)
        #expect(delivery.acknowledged == 40 && delivery.ended)
        #expect(seen.recordCounts.reduce(0, +) == 40)
        if recordsPerMessage <= 1 {
            #expect(seen.kinds.filter { $0.hasPrefix("record") } == Array(repeating: "record", count: 40))
        } else {
            #expect(!seen.kinds.contains("record"), "\(seen.kinds)")
            #expect(seen.recordCounts.allSatisfy { (1...recordsPerMessage).contains($0) }, "\(seen.recordCounts)")
            #expect(seen.recordCounts.count < 40, "some messages carried several records: \(seen.recordCounts)")
        }
    }

    @Test func aCollectorThatStopsAnsweringIsSentNoMoreThanTheWindowUntilItAnswersAgain() async throws {
        let folder = try PrivateFolder()
        defer { folder.remove() }
        var settings = CollectorLink.Settings()
        settings.resendAfter = .milliseconds(50)
        settings.unansweredWindow = 64 << 10
        let (collector, link, _, _) = try connect(in: folder, recordsPerMessage: 256, silent: true, settings: settings)
        // About 700 kB of records; once the window has gone, 12 resend intervals without an answer.
        send(2000, over: link)
        try await waitUntil { collector.seen.recordBytes >= settings.unansweredWindow }
        try await Task.sleep(for: .milliseconds(600))
        let unanswered = collector.seen
        #expect(unanswered.recordBytes >= settings.unansweredWindow, "the window was sent: \(unanswered.recordBytes)")
        #expect(unanswered.recordBytes <= settings.unansweredWindow + 128 << 10, "past the window and one message")
        #expect(unanswered.kinds.filter { $0 == "open" }.count >= 2, "open asks for an answer: \(unanswered.kinds)")
        collector.answer()
        let delivery = link.finish(timeout: .seconds(10))
        let seen = collector.join()
        #expect(seen.failure == nil)
        #expect(delivery.acknowledged == 2000 && delivery.unacknowledged == 0 && delivery.ended)
    }

    @Test func aCollectorReplacedByOneThatTakesNoRecordsMessageGetsEveryRecordOneAMessage() async throws {
        let folder = try PrivateFolder()
        defer { folder.remove() }
        var settings = CollectorLink.Settings()
        settings.resendAfter = .milliseconds(100)
        let (packing, link, endpoint, context) = try connect(
            in: folder, recordsPerMessage: 256, silent: true, settings: settings)
        send(100, over: link)
        try await waitUntil { packing.seen.recordCounts.reduce(0, +) >= 100 }
        let first = packing.stop()
        #expect(first.kinds.contains("records") && !first.kinds.contains("record"), "\(first.kinds)")
        let older = try HandCollector(bind: endpoint, context: context, runID: runID, recordsPerMessage: 0)
        let delivery = link.finish(timeout: .seconds(10))
        let seen = older.join()
        #expect(seen.failure == nil)
        #expect(delivery.acknowledged == 100 && delivery.unacknowledged == 0 && delivery.ended)
        #expect(seen.kinds.filter { $0 == "record" }.count >= 100, "every record, one a message: \(seen.kinds)")
    }
}
