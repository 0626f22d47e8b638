@testable import Scheduler
import Testing
import TrialRecords

/// The scheduler's rules, played out on ``Simulation`` without sockets,
/// processes or clocks.
@Suite struct SchedulerTests {
    @Test func aRunWithNoStagesFinishesAtOnce() {
        var simulation = Simulation([], trials: 0)
        simulation.run()
        #expect(simulation.ending == .completed(trialsWithoutOK: 0))
        #expect(simulation.launches.isEmpty)
    }

    @Test func everyTrialGetsExactlyOneOKRecord() {
        var simulation = Simulation([.noClear, .clear, .scopedSession, .scopedGraph, .process, .pool], trials: 7)
        simulation.run()
        #expect(simulation.ending == .completed(trialsWithoutOK: 0))
        for strategy in Strategy.known {
            #expect(simulation.okRecords(strategy) == Dictionary(uniqueKeysWithValues: (0..<7).map { ($0, 1) }))
        }
        #expect(simulation.records.count == 42)
    }

    @Test func inProcessStrategiesShareOneProcessUnlessSpread() {
        var together = Simulation([.noClear], trials: 6)
        together.run()
        #expect(together.launches.count == 1)
        #expect(Set(together.records.map(\.worker)) == ["w1"])

        var spread = Simulation([.noClear], trials: 6) { $0.spreadInProcess = true }
        spread.run()
        #expect(spread.launches.count == 2)
    }

    @Test func processRunsEachTrialInAFreshOneShotWorker() {
        var simulation = Simulation([.process], trials: 5) { $0.processLaunch = .exec }
        simulation.run()
        #expect(simulation.launches.count == 5)
        #expect(simulation.launches.allSatisfy { $0.oneShot && $0.via == .exec })
        #expect(Set(simulation.records.map(\.worker)).count == 5)
        #expect(simulation.records.allSatisfy { $0.launch == .exec && ($0.isolationSeconds ?? -1) >= 0 })
    }

    @Test func workersStartedBySrunAreLaunchedAndRecordedSo() {
        var simulation = Simulation([.pool, .process], trials: 4) {
            ($0.workerLaunch, $0.processLaunch) = (.srun, .srun)
        }
        simulation.run()
        #expect(simulation.launches.count == 2 + 4)
        #expect(simulation.launches.allSatisfy { $0.via == .srun })
        #expect(simulation.records.count == 8)
        #expect(simulation.records.allSatisfy { $0.launch == .srun })
    }

    @Test func aLostWorkersTrialIsRetriedThenOK() {
        var simulation = Simulation([.clear], trials: 3)
        simulation.behaviour = { spec, _ in spec.trial == 1 && spec.attempt == 1 ? .die(signal: 9) : .ok }
        simulation.run()
        let trialOne = simulation.records.filter { $0.trial == 1 }
        #expect(trialOne.map(\.outcome) == [.workerLost, .ok])
        #expect(trialOne.map(\.attempt) == [1, 2])
        #expect(trialOne[0].reason == "worker killed by signal 9")
        #expect(trialOne[0].totalSeconds == nil && trialOne[0].rssBytes == nil)
        #expect(simulation.okRecords(.clear) == [0: 1, 1: 1, 2: 1])
        #expect(simulation.ending == .completed(trialsWithoutOK: 0))
        #expect(simulation.launches.count == 2)
    }

    @Test func retriesExhaustedLeaveTheTrialWithoutOK() {
        var simulation = Simulation([.pool], trials: 2) { $0.retries = 2 }
        simulation.behaviour = { spec, _ in spec.trial == 0 ? .die(signal: 9) : .ok }
        simulation.run()
        let trialZero = simulation.records.filter { $0.trial == 0 }
        #expect(trialZero.map(\.attempt) == [1, 2, 3])
        #expect(trialZero.allSatisfy { $0.outcome == .workerLost })
        #expect(simulation.ending == .completed(trialsWithoutOK: 1))
    }

    @Test func aTrialPastItsTimeoutIsKilledAndNotRetried() {
        var simulation = Simulation([.clear], trials: 2) { $0.trialTimeout = .seconds(5) }
        simulation.behaviour = { spec, _ in spec.trial == 0 ? .hang : .ok }
        simulation.run()
        let timedOut = simulation.records.filter { $0.trial == 0 }
        #expect(timedOut.map(\.outcome) == [.timeout])
        #expect((timedOut.first?.wallSeconds ?? 0) > 5)
        #expect(simulation.actions.contains(.kill("w1")))
        #expect(simulation.okRecords(.clear) == [1: 1])
        #expect(simulation.ending == .completed(trialsWithoutOK: 1))
    }

    @Test func aSilentWorkerIsLostAndItsTrialRetried() {
        var simulation = Simulation([.clear], trials: 2) { $0.heartbeatTimeout = .seconds(3) }
        simulation.behaviour = { spec, _ in spec.trial == 0 && spec.attempt == 1 ? .hang : .ok }
        simulation.run()
        let lost = simulation.records.filter { $0.outcome == .workerLost }
        #expect(lost.count == 1)
        #expect(lost.first?.reason?.hasPrefix("worker silent for") == true)
        #expect(simulation.okRecords(.clear) == [0: 1, 1: 1])
        #expect(simulation.now < .seconds(10))
    }

    @Test func poolWorkersAreRecycledAfterNTrials() {
        var simulation = Simulation([.pool], trials: 5) {
            $0.workers = 1
            $0.maxTrialsPerWorker = 2
        }
        simulation.run()
        #expect(simulation.records.map(\.recycled) == [nil, "max-trials", nil, "max-trials", nil])
        #expect(simulation.launches.count == 3)
        #expect(simulation.records.map(\.worker) == ["w1", "w1", "w2", "w2", "w3"])
        // A replacement's start-up is charged to its first trial, not to its second.
        #expect(simulation.records[2].isolationSeconds! > simulation.records[3].isolationSeconds!)
    }

    @Test func poolWorkersAreRecycledPastTheRSSLimit() {
        var simulation = Simulation([.pool], trials: 4) {
            $0.workers = 1
            $0.maxTrialsPerWorker = 100
            $0.maxWorkerRSSBytes = 50_000_000
        }
        simulation.residentBytes = { $0.trial == 1 ? 60_000_000 : 20_000_000 }
        simulation.run()
        #expect(simulation.records.map(\.recycled) == [nil, "max-rss", nil, nil])
        #expect(simulation.launches.count == 2)
    }

    @Test func aWorkerIsOnlySentStrategiesItDeclared() {
        var simulation = Simulation([.clear, .pool], trials: 6) { $0.workers = 1 }
        simulation.start()
        simulation.deliver(.hello("ext-1", WorkerHello(pid: 7, host: "far", capabilities: [.pool])))
        simulation.deliver(.ready("ext-1"))
        simulation.run()
        #expect(!simulation.tasks(to: "ext-1").isEmpty)
        #expect(simulation.tasks(to: "ext-1").allSatisfy { $0.strategy == .pool })
        #expect(simulation.okRecords(.clear).count == 6)
        #expect(simulation.ending == .completed(trialsWithoutOK: 0))
    }

    @Test func aLaunchedWorkerThatCannotRunTheStageFailsTheRun() {
        var simulation = Simulation([.scopedGraph], trials: 2)
        simulation.capabilities = [.clear, .pool, .process]
        simulation.run()
        guard case .failed(let reason) = simulation.ending else {
            Issue.record("expected a failed run, got \(String(describing: simulation.ending))")
            return
        }
        #expect(reason.contains("scoped-graph"))
        #expect(simulation.tasks.isEmpty)
    }

    @Test func aRecordForATrialNeverSentToThatWorkerIsRefused() {
        var simulation = Simulation([.clear], trials: 3) { $0.workers = 1 }
        simulation.behaviour = { _, _ in .hang }
        simulation.start()
        simulation.deliver(.launched("w1", pid: 10))
        simulation.deliver(.hello("w1", WorkerHello(pid: 10, host: "h", capabilities: Set(Strategy.known))))
        simulation.deliver(.ready("w1"))
        #expect(simulation.tasks(to: "w1").map(\.trial) == [0])
        let sent = simulation.tasks(to: "w1")[0]
        var forged = simulation.record(for: sent, on: "w1")
        forged.trial = 2
        simulation.deliver(.record("w1", forged))
        simulation.deliver(.record("w2", simulation.record(for: sent, on: "w2")))
        #expect(simulation.records.isEmpty)
        #expect(simulation.refusals.map(\.worker) == ["w1", "w2"])
    }

    @Test func aWorkerCannotDecideTimeoutOrWorkerLost() {
        var simulation = Simulation([.clear], trials: 1)
        simulation.behaviour = { spec, _ in spec.attempt == 1 ? .claim(.timeout) : .ok }
        simulation.run()
        #expect(simulation.refusals.count == 1)
        #expect(simulation.records.map(\.outcome) == [.workerLost, .ok])
        #expect(simulation.records.first?.reason == "worker reported outcome 'timeout'")
    }

    @Test func aRaisingTrialIsFinalAndTheWorkerKeepsServing() {
        var simulation = Simulation([.noClear], trials: 3)
        simulation.behaviour = { spec, _ in spec.trial == 1 ? .raise : .ok }
        simulation.run()
        #expect(simulation.records.map(\.outcome) == [.ok, .failed, .ok])
        #expect(simulation.launches.count == 1)
        #expect(simulation.ending == .completed(trialsWithoutOK: 1))
    }

    @Test func sigintInAProcessStageRecordsNoTrialThatNeverStarted() {
        var simulation = Simulation([.process], trials: 6)
        simulation.greet = false
        simulation.start()
        #expect(simulation.launches.count == 2)
        simulation.deliver(.launched("w1", pid: 11))
        simulation.deliver(.launched("w2", pid: 12))
        simulation.deliver(.hello("w1", WorkerHello(pid: 11, host: "h", capabilities: Set(Strategy.known))))
        simulation.deliver(.ready("w1"))
        simulation.deliver(.signal(2))
        simulation.run()
        #expect(simulation.records.map(\.trial) == [0])
        #expect(simulation.records.allSatisfy { $0.outcome == .ok })
        #expect(simulation.ending == .interrupted(signal: 2, trialsWithoutOK: 5))
        #expect(simulation.launches.count == 2)
    }

    @Test func aTrialHandedOverAtLaunchIsNeverSentAndRunsToItsRecord() {
        var simulation = Simulation([.process], trials: 5) { $0.processLaunch = .exec }
        simulation.handOverTasks = true
        simulation.run()
        #expect(simulation.ending == .completed(trialsWithoutOK: 0))
        #expect(simulation.tasks.isEmpty)
        #expect(simulation.launches.compactMap(\.trial?.trial) == [0, 1, 2, 3, 4])
        #expect(simulation.records.map(\.trial).sorted() == [0, 1, 2, 3, 4])
        #expect(simulation.records.allSatisfy { $0.outcome == .ok && $0.isolationSeconds != nil })
    }

    /// A process given its task at launch starts the trial when it says hello:
    /// dying before that loses no attempt, dying after loses one.
    @Test(arguments: [false, true])
    func aHandedOverTrialLosesAnAttemptOnlyOnceItsWorkerSaidHello(saidHello: Bool) {
        var simulation = Simulation([.process], trials: 1) { $0.workers = 1 }
        simulation.greet = false
        simulation.handOverTasks = true
        simulation.start()
        simulation.deliver(.launched("w1", pid: 10, taskHandedOver: true))
        if saidHello {
            simulation.deliver(.hello("w1", WorkerHello(pid: 10, host: "h", capabilities: Set(Strategy.known))))
        }
        simulation.deliver(.exited("w1", WorkerExit(clean: false, explanation: "killed by signal 9")))
        #expect(simulation.records.map(\.outcome) == (saidHello ? [.workerLost] : []))
        #expect(simulation.launches.map { $0.trial?.attempt } == [1, saidHello ? 2 : 1])
        #expect(simulation.tasks.isEmpty)
    }

    @Test func workersThatKeepDyingBeforeHelloFailTheRun() {
        var simulation = Simulation([.clear], trials: 2)
        simulation.greet = false
        simulation.start()
        for _ in 0..<8 {
            for request in simulation.launches.suffix(2) {
                simulation.deliver(.exited(request.worker, WorkerExit(clean: false, explanation: "exited 127")))
            }
            simulation.deliver(.tick)
        }
        guard case .failed(let reason) = simulation.ending else {
            Issue.record("expected a failed run, got \(String(describing: simulation.ending))")
            return
        }
        #expect(reason.contains("before saying hello"))
    }

    @Test func aWorkerSlowToSayHelloIsGivenTheHelloDeadlineNotTheHeartbeatTimeout() {
        var simulation = Simulation([.clear], trials: 2) {
            $0.heartbeatTimeout = .seconds(3)
            $0.helloTimeout = .seconds(20)
        }
        simulation.greet = false
        simulation.start()
        simulation.deliver(.launched("w1", pid: 10))
        while simulation.now < .seconds(12) { simulation.deliver(.tick) ; simulation.now += .milliseconds(20) }
        #expect(!simulation.actions.contains(.kill("w1")), "killed for silence before its hello")
        simulation.deliver(.hello("w1", WorkerHello(pid: 10, host: "h", capabilities: Set(Strategy.known))))
        simulation.deliver(.ready("w1"))
        simulation.run()
        #expect(simulation.ending == .completed(trialsWithoutOK: 0))
        #expect(simulation.launches.count == 1)
    }

    @Test func aWorkerThatNeverSaysHelloIsKilledAtTheHelloDeadline() {
        var simulation = Simulation([.clear], trials: 1) { $0.helloTimeout = .seconds(20) }
        simulation.greet = false
        simulation.start()
        simulation.deliver(.launched("w1", pid: 10))
        while simulation.now < .seconds(25) { simulation.deliver(.tick) ; simulation.now += .milliseconds(20) }
        #expect(simulation.actions.contains(.kill("w1")))
        #expect(simulation.launches.count == 2, "a replacement is launched")
        #expect(simulation.records.isEmpty)
    }

    @Test func launchesThatFailAtOnceEndTheRunWithoutATick() {
        var simulation = Simulation([.process], trials: 4)
        simulation.greet = false
        simulation.start()
        var failures = 0
        while simulation.ending == nil, failures < 100, let request = simulation.launches.last {
            simulation.deliver(.launchFailed(request.worker, reason: "no such program"))
            failures += 1
        }
        guard case .failed(let reason) = simulation.ending else {
            Issue.record("expected a failed run after \(failures) failed launches")
            return
        }
        #expect(reason.contains("failed to start before saying hello"))
        #expect(failures <= 7)
    }

    @Test func aReservedIDCannotJoinAsAnExternalWorker() {
        var simulation = Simulation([.clear], trials: 1)
        simulation.start()
        simulation.deliver(.hello("w9", WorkerHello(pid: 1, host: "intruder", capabilities: Set(Strategy.known))))
        #expect(simulation.refusals.map(\.worker) == ["w9"])
    }
}

/// What the coordinator adds to a worker's record never makes a time negative.
@Suite struct IsolationCostTests {
    @Test(arguments: [Strategy.pool, .process])
    func aCoordinatorThatSawLessThanTheWorkerCountsNoIsolation(strategy: Strategy) {
        var record = TrialRecord(
            runID: "0123456789abcdef", experiment: "e", strategy: strategy, trial: 0, worker: "w1", pid: 1, host: "h",
            launch: .exec, startedAt: "2026-12-03T12:00:00.000001Z", modelsBefore: 0)
        record.totalSeconds = 0.037
        record.wallSeconds = 0.04
        record.isolationSeconds = 0
        let worker = WorkerState(id: "w1", launch: nil, at: .milliseconds(990))
        IsolationCost.complete(&record, of: worker, task: .milliseconds(990), at: .milliseconds(1015))
        #expect(record.isolationSeconds == 0)
        #expect(record.wallSeconds.map { $0 >= 0 } == true)
    }

    /// A trial held ahead had no dispatch the coordinator saw, and its record
    /// may wait for a batch: the worker's own wall stands; any other in-process
    /// trial's is the coordinator's dispatch to record.
    @Test(arguments: [false, true])
    func aTrialHeldAheadKeepsItsWorkersWall(sentAhead: Bool) {
        var record = TrialRecord(
            runID: "0123456789abcdef", experiment: "e", strategy: .clear, trial: 0, worker: "w1", pid: 1, host: "h",
            launch: .exec, startedAt: "2026-12-03T12:00:00.000001Z", modelsBefore: 0)
        record.wallSeconds = 0.0004
        let worker = WorkerState(id: "w1", launch: nil, at: .milliseconds(990))
        IsolationCost.complete(&record, of: worker, task: .milliseconds(990), sentAhead: sentAhead, at: .milliseconds(992))
        #expect(record.wallSeconds == (sentAhead ? 0.0004 : 0.002))
    }
}
