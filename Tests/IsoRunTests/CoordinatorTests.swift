import Experiments
import IsoRun
import IsoRunTestSupport
import Logging
import Scheduler
import Testing
import TrialRecords
import Wire

/// The coordinator's loop, driven through its seams with in-memory doubles:
/// no socket and no process.
@Suite struct CoordinatorTests {
    private let transport = InMemoryTransport()
    private let launcher = InMemoryLauncher()
    private let sink = RecordingSink()

    private func coordinator(
        _ strategies: [Strategy], trials: Int, configure: (inout SchedulerSettings) -> Void = { _ in }
    ) -> Coordinator {
        var settings = SchedulerSettings(workers: 2, host: "test", wallClockStart: 0)
        settings.processLaunch = .exec
        configure(&settings)
        let plan = RunPlan(Experiment(name: "in-memory", strategies: strategies, trials: trials))
        return Coordinator(
            stages: plan.stages, settings: settings, transport: transport, launcher: launcher, signals: nil,
            sink: sink, logger: Logger(label: "test"))
    }

    @Test func everyStageRunsThroughTheSeams() throws {
        InMemoryWorker.serve(transport, launchedBy: launcher)
        let ending = try coordinator([.clear, .process, .pool], trials: 4).run()
        #expect(ending == .completed(trialsWithoutOK: 0))
        #expect(sink.records.count == 12)
        #expect(launcher.launches.filter(\.oneShot).count == 4)
        #expect(launcher.launches.filter { !$0.oneShot }.count == 3)
        let tasks = transport.sent.filter { if case .task = $0.message { true } else { false } }
        #expect(tasks.count == 12)
    }

    /// A worker holding trials ahead answers several at once (here at once):
    /// the coordinator waits for them as a batch, their records are written
    /// together, and none is left unwritten when it waits or returns.
    @Test func recordsTakenTogetherAreFlushedTogetherBeforeEachWait() throws {
        InMemoryWorker.serve(transport, launchedBy: launcher)
        var unflushedAtWaits: [Int] = []
        var batches = 0
        transport.onReceive = { [sink] batch in
            unflushedAtWaits.append(sink.unflushed)
            if batch { batches += 1 }
        }
        let ending = try coordinator([.clear], trials: 40).run()
        #expect(ending == .completed(trialsWithoutOK: 0))
        #expect(batches > 0)
        #expect(unflushedAtWaits.allSatisfy { $0 == 0 } && sink.unflushed == 0)
        #expect(sink.flushedBatches.reduce(0, +) == 40)
        #expect((sink.flushedBatches.max() ?? 0) > 1, "\(sink.flushedBatches)")
    }

    @Test func aWorkerThatCannotBeSentItsTaskIsLostAndTheTrialRetried() throws {
        InMemoryWorker.serve(transport, launchedBy: launcher)
        transport.unreachable = ["w1"]
        let ending = try coordinator([.clear], trials: 2).run()
        #expect(ending == .completed(trialsWithoutOK: 0))
        #expect(sink.records.map(\.outcome) == [.workerLost, .ok, .ok])
        #expect(launcher.killed.first == "w1")
    }

    /// A worker that sends nothing while its trial runs (a local link's sends
    /// no heartbeats) is alive while the transport sees its process running:
    /// its trial runs to the time limit. Unseen, it is lost as silent.
    @Test(arguments: [false, true])
    func aWorkerSeenRunningIsNotSilent(seen: Bool) throws {
        InMemoryWorker.serve(transport, launchedBy: launcher) { _, _ in nil }
        if seen { transport.seenRunning = ["w1"] }
        let ending = try coordinator([.clear], trials: 1) {
            $0.workers = 1
            $0.retries = 0
            $0.heartbeatTimeout = .milliseconds(300)
            $0.trialTimeout = .milliseconds(900)
        }.run()
        #expect(ending == .completed(trialsWithoutOK: 1))
        let record = try #require(sink.records.first)
        #expect(sink.records.count == 1)
        #expect(record.outcome == (seen ? .timeout : .workerLost))
        #expect(record.reason?.hasPrefix(seen ? "trial ran past the trial timeout" : "worker silent for") == true, "\(record.reason ?? "")")
    }

    @Test func aLaunchThatFailsIsReplacedWithoutARecord() throws {
        InMemoryWorker.serve(transport, launchedBy: launcher)
        launcher.failing = ["w1"]
        let ending = try coordinator([.process], trials: 3).run()
        #expect(ending == .completed(trialsWithoutOK: 0))
        #expect(sink.records.count == 3)
        #expect(sink.records.allSatisfy { $0.outcome == .ok && $0.attempt == 1 })
    }

    @Test func aMalformedMessageIsAnsweredWithAnError() throws {
        InMemoryWorker.serve(transport, launchedBy: launcher)
        transport.inbox.append(Inbound(sender: "stranger", message: .failure(ProtocolError(message: "garbage"))))
        _ = try coordinator([.clear], trials: 1).run()
        let replies = transport.sent.filter { $0.worker == "stranger" }
        #expect(replies.count == 1)
        #expect(replies.first.map { if case .error = $0.message { true } else { false } } == true)
    }
}
