import Scheduler
import Testing
import TrialRecords

/// A task that cannot be sent (``SchedulerEvent/unreachable(_:)``) most often
/// means the worker died: its link closes while the kernel ends it, before its
/// exit is reported. The scheduler gives the report
/// ``SchedulerSettings/recordGrace`` to come, so the lost record names the
/// cause; played out on ``Simulation``, its first worker running trial 0
/// without answering until a test says what it does.
@Suite struct UnreachableWorkerTests {
    private static let closedLink = "worker could not be sent its task (gone, or not reading)"

    /// A one-worker `clear` stage of two trials, its worker `w1` busy with trial 0.
    private static func busyWorker() -> Simulation {
        var simulation = Simulation([.clear], trials: 2) { $0.workers = 1 }
        simulation.behaviour = { spec, id in id == "w1" ? .hang : .ok }
        simulation.run(for: .milliseconds(10))
        #expect(simulation.tasks(to: "w1").map(\.trial) == [0])
        return simulation
    }

    @Test func aDeadWorkersLostTrialNamesTheSignalReportedAfterTheFailedSend() {
        var simulation = Self.busyWorker()
        simulation.deliver(.unreachable("w1"))
        #expect(simulation.records.isEmpty, "lost before its exit could be reported")
        #expect(!simulation.actions.contains(.kill("w1")))
        simulation.deliver(.exited("w1", WorkerExit(clean: false, explanation: "worker killed by signal 9 (Killed)")))
        simulation.run()
        let lost = simulation.records.filter { $0.outcome == .workerLost }
        #expect(lost.map(\.reason) == ["worker killed by signal 9 (Killed)"])
        #expect(lost.map(\.trial) == [0])
        #expect(!simulation.actions.contains(.kill("w1")), "its process had ended")
        #expect(simulation.okRecords(.clear) == [0: 1, 1: 1])
        #expect(simulation.ending == .completed(trialsWithoutOK: 0))
    }

    @Test func aWorkerWhoseExitIsNeverReportedIsKilledAfterTheGrace() {
        var simulation = Self.busyWorker()
        let failedAt = simulation.now
        simulation.deliver(.unreachable("w1"))
        simulation.run()
        let lost = simulation.records.filter { $0.outcome == .workerLost }
        #expect(lost.map(\.reason) == [Self.closedLink])
        #expect(simulation.actions.contains(.kill("w1")))
        #expect(simulation.tasks(to: "w1").map(\.trial) == [0], "sent nothing after the failed send")
        #expect((lost.first?.wallSeconds ?? 0) > (simulation.scheduler.settings.recordGrace).seconds)
        #expect(simulation.now - failedAt > simulation.scheduler.settings.recordGrace)
        #expect(simulation.okRecords(.clear) == [0: 1, 1: 1])
    }

    @Test func aRecordThatFollowsTheFailedSendIsKeptAndTheWorkerLetGo() {
        var simulation = Self.busyWorker()
        let sent = simulation.tasks(to: "w1")[0]
        simulation.deliver(.unreachable("w1"))
        simulation.deliver(.record("w1", simulation.record(for: sent, on: "w1")))
        #expect(simulation.records.map(\.outcome) == [.ok])
        #expect(simulation.actions.contains(.kill("w1")))
        simulation.run()
        #expect(simulation.records.allSatisfy { $0.outcome == .ok })
        #expect(simulation.okRecords(.clear) == [0: 1, 1: 1])
        #expect(simulation.tasks(to: "w1").map(\.trial) == [0])
        #expect(simulation.ending == .completed(trialsWithoutOK: 0))
    }

    @Test func anExternalWorkerIsLostAtOnce() {
        var simulation = Simulation([.clear], trials: 1) { $0.workers = 1 }
        simulation.greet = false
        simulation.start()
        simulation.deliver(.hello("ext1", WorkerHello(pid: 77, host: "far", capabilities: Set(Strategy.known))))
        simulation.deliver(.ready("ext1"))
        #expect(simulation.tasks(to: "ext1").map(\.trial) == [0])
        simulation.deliver(.unreachable("ext1"))
        #expect(simulation.records.map(\.reason) == [Self.closedLink])
        #expect(simulation.actions.contains(.sendShutdown("ext1")))
    }
}
