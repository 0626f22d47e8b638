@testable import Scheduler
import Testing
import TrialRecords

/// A worker of an in-process stage is sent its next short trials before its
/// record comes (``SchedulerSettings/sendAheadBelow``), so that it never waits
/// for the coordinator between trials, nor while the coordinator takes records
/// in batches (``SchedulerSettings/batchWait``); played out on ``Simulation``,
/// whose workers take their tasks in the order sent.
@Suite struct SendAheadTests {
    private static let hello = WorkerHello(pid: 10, host: "h", capabilities: Set(Strategy.known))

    @Test func aWorkerHoldsItsNextShortTrialOnceItsFirstHasTakenLittleTime() {
        var simulation = Simulation([.clear], trials: 6) { $0.batchWait = .zero }
        simulation.run()
        #expect(simulation.ending == .completed(trialsWithoutOK: 0))
        #expect(simulation.tasks(to: "w1").map(\.trial) == [0, 1, 2, 3, 4, 5])
        #expect(simulation.records.map(\.trial) == [0, 1, 2, 3, 4, 5])
        // The first trial's length is unknown, so it went alone.
        #expect(simulation.tasks.prefix(2).map(\.spec.trial) == [0, 1])
        #expect(simulation.tasksHeld(by: "w1") == [2, 2, 2, 2, 1, 0])
    }

    /// One ahead, and as many more as the worker runs in two batch waits (the
    /// coordinator's sleep, and its wake-up), up to ``SchedulerSettings/maxAhead``.
    @Test func aWorkerHoldsWhatItRunsInTheBatchWaitUpToTheMostAhead() {
        // Each simulated event takes 200 µs: a record comes 200 µs after its task.
        var capped = Simulation([.clear], trials: 10) { ($0.batchWait, $0.maxAhead) = (.seconds(1), 3) }
        capped.run()
        #expect(capped.tasksHeld(by: "w1") == [4, 4, 4, 4, 4, 4, 3, 2, 1, 0])
        var covered = Simulation([.clear], trials: 10) { $0.batchWait = .microseconds(200) }
        covered.run()
        // The trial it runs, one ahead, and two more for twice 200 µs.
        #expect(covered.tasksHeld(by: "w1").prefix(6) == [4, 4, 4, 4, 4, 4], "\(covered.tasksHeld(by: "w1"))")
        #expect(covered.ending == .completed(trialsWithoutOK: 0))
    }

    /// The coordinator may batch only while every worker holds a trial ahead,
    /// for the batch wait at most, and for half the work the worker holds:
    /// a worker that holds little makes a short batch, and never runs out.
    @Test(arguments: [Duration.seconds(1), .microseconds(100), .zero])
    func theCoordinatorMayBatchOnlyWhileEveryWorkerHoldsATrialAheadAndNoLonger(batchWait: Duration) {
        var simulation = Simulation([.clear], trials: 4) { $0.batchWait = batchWait }
        simulation.greet = false
        simulation.start()
        #expect(simulation.scheduler.currentBatchWait == nil, "a worker still starting")
        simulation.deliver(.launched("w1", pid: 10))
        simulation.deliver(.hello("w1", Self.hello))
        simulation.deliver(.ready("w1"))
        #expect(simulation.scheduler.currentBatchWait == nil, "its first trial goes alone")
        var waits: [Duration?] = []
        for trial in 0..<4 {
            simulation.deliver(.record("w1", simulation.record(for: simulation.tasks(to: "w1")[trial], on: "w1")))
            waits.append(simulation.scheduler.currentBatchWait)
        }
        // Held ahead after each record: trials 2 and 3, then 3, then none (the queue ran out), then the stage is done.
        #expect(waits[2...] == [nil, nil])
        if batchWait == .zero {
            #expect(waits == [nil, nil, nil, nil])
        } else if batchWait == .seconds(1) {
            // Half of two trials held, then half of one: far below the second.
            let (two, one) = (waits[0] ?? .zero, waits[1] ?? .zero)
            #expect(one > .zero && two == one * 2 && two < .milliseconds(1), "\(waits)")
        } else {
            #expect(waits[..<2] == [batchWait, batchWait], "less than half the work held")
        }
    }

    @Test func trialsLongerThanTheLimitAreSentOneAtATime() {
        // Each simulated event takes 200 µs: every trial is longer than 100 µs.
        var simulation = Simulation([.clear], trials: 6) { $0.sendAheadBelow = .microseconds(100) }
        simulation.run()
        #expect(simulation.ending == .completed(trialsWithoutOK: 0))
        #expect(simulation.tasksHeld(by: "w1") == [1, 1, 1, 1, 1, 0])
    }

    @Test(arguments: [Strategy.pool, .process])
    func workersThatIsolateProcessesGetATaskAtATime(strategy: Strategy) {
        var simulation = Simulation([strategy], trials: 6) {
            $0.workers = 1
            $0.maxTrialsPerWorker = 100
        }
        simulation.run()
        #expect(simulation.ending == .completed(trialsWithoutOK: 0))
        for worker in Set(simulation.records.map(\.worker)) {
            #expect(simulation.tasksHeld(by: worker).allSatisfy { $0 == 0 || $0 == 1 }, "\(worker)")
        }
    }

    @Test func anExternalWorkerGetsATaskAtATime() {
        var simulation = Simulation([.clear], trials: 10)
        simulation.greet = false
        simulation.start()
        simulation.deliver(.hello("ext1", Self.hello))
        simulation.deliver(.ready("ext1"))
        simulation.deliver(.record("ext1", simulation.record(for: simulation.tasks(to: "ext1")[0], on: "ext1")))
        simulation.deliver(.record("ext1", simulation.record(for: simulation.tasks(to: "ext1")[1], on: "ext1")))
        #expect(simulation.tasks(to: "ext1").map(\.trial) == [0, 1, 2])
        #expect(simulation.tasksHeld(by: "ext1") == [1, 1])
    }

    /// A worker still starting will want a trial: the last one queued is left for it.
    @Test(arguments: [3, 4])
    func aTrialIsSentAheadOnlyWhileTheQueueHasOneForEachWorkerWithout(trials: Int) {
        var simulation = Simulation([.clear], trials: trials) {
            $0.spreadInProcess = true
            $0.batchWait = .zero
        }
        simulation.greet = false
        simulation.start()
        #expect(simulation.launches.map(\.worker) == ["w1", "w2"])
        simulation.deliver(.hello("w1", Self.hello))
        simulation.deliver(.ready("w1"))
        simulation.deliver(.record("w1", simulation.record(for: simulation.tasks(to: "w1")[0], on: "w1")))
        simulation.deliver(.hello("w2", Self.hello))
        simulation.deliver(.ready("w2"))
        #expect(simulation.tasks(to: "w1").map(\.trial) == (trials == 3 ? [0, 1] : [0, 1, 2]))
        #expect(simulation.tasks(to: "w2").map(\.trial) == [trials - 1])
    }

    @Test func trialsHeldAheadByAWorkerThatDiesRunLaterWithoutALossOrAnAttempt() {
        var simulation = Simulation([.clear], trials: 6) { ($0.batchWait, $0.maxAhead) = (.seconds(1), 2) }
        // w1 dies on trial 2 while it holds trials 3 and 4.
        simulation.behaviour = { spec, _ in spec.trial == 2 && spec.attempt == 1 ? .die(signal: 9) : .ok }
        simulation.run()
        #expect(simulation.tasks(to: "w1").map(\.trial) == [0, 1, 2, 3, 4])
        #expect(simulation.records.filter { $0.trial == 2 }.map(\.outcome) == [.workerLost, .ok])
        for trial in [3, 4] {
            #expect(simulation.records.filter { $0.trial == trial }.map { [$0.outcome.rawValue, "\($0.attempt)", $0.worker] }
                    == [["ok", "1", "w2"]], "trial \(trial)")
        }
        #expect(simulation.refusals.isEmpty)
        #expect(simulation.ending == .completed(trialsWithoutOK: 0))
    }

    @Test func aSignalLetsAWorkerFinishTheTrialsItHoldsAheadAndSendsNoOther() {
        var simulation = Simulation([.clear], trials: 10) { ($0.batchWait, $0.maxAhead) = (.seconds(1), 2) }
        simulation.greet = false
        simulation.start()
        simulation.deliver(.launched("w1", pid: 10))
        simulation.deliver(.hello("w1", Self.hello))
        simulation.deliver(.ready("w1"))
        simulation.deliver(.record("w1", simulation.record(for: simulation.tasks(to: "w1")[0], on: "w1")))
        #expect(simulation.tasks(to: "w1").map(\.trial) == [0, 1, 2, 3])
        simulation.deliver(.signal(2))
        for trial in [1, 2, 3] {
            simulation.deliver(.record("w1", simulation.record(for: simulation.tasks(to: "w1")[trial], on: "w1")))
        }
        simulation.deliver(.exited("w1", WorkerExit(clean: true, explanation: "exited 0")))
        #expect(simulation.tasks(to: "w1").map(\.trial) == [0, 1, 2, 3])
        #expect(simulation.records.map(\.trial) == [0, 1, 2, 3])
        #expect(simulation.records.allSatisfy { $0.outcome == .ok })
        #expect(simulation.refusals.isEmpty)
        #expect(simulation.ending == .interrupted(signal: 2, trialsWithoutOK: 6))
    }
}
