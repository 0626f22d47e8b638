import TrialRecords

extension Scheduler {
    /// A launched worker's process ended: expected after a shutdown or a
    /// one-shot trial; otherwise the trial it owed is lost. A clean exit with
    /// the record still awaited gets ``SchedulerSettings/recordGrace``.
    mutating func exited(_ id: WorkerID, _ exit: WorkerExit, at now: Duration, into actions: inout [SchedulerAction]) {
        guard let worker = workers[id] else { return }
        if worker.task != nil && exit.clean {
            workers[id]?.exitedAt = now
        } else if worker.task != nil {
            lose(id, outcome: .workerLost, reason: exit.explanation, processEnded: true, at: now, into: &actions)
        } else {
            if worker.hello == nil && !worker.isRetiring {
                deathsBeforeHello += 1
                actions.append(.log(.error, "worker \(id) (pid \(worker.pid ?? 0)) ended before saying hello: \(exit.explanation)"))
            }
            requeueUnstarted(worker)
            workers[id] = nil
        }
    }

    /// A worker could not be sent a task. One whose process this run launched
    /// is given no more work and ``SchedulerSettings/recordGrace`` for its exit
    /// to be reported: a worker that died closes its link before the kernel
    /// reports the death, and its record should name the cause (a signal, an
    /// exit status), not the closed link. An external worker's end is never
    /// reported: it is lost at once.
    mutating func unreachable(_ id: WorkerID, at now: Duration, into actions: inout [SchedulerAction]) {
        guard let index = workers.index(forKey: id) else { return }
        guard !workers.values[index].isExternal else { return loseUnreachable(id, at: now, into: &actions) }
        if workers.values[index].unreachableAt == nil { workers.values[index].unreachableAt = now }
    }

    /// The worker's trial is lost for its link alone, and the worker killed.
    private mutating func loseUnreachable(_ id: WorkerID, at now: Duration, into actions: inout [SchedulerAction]) {
        lose(id, outcome: .workerLost, reason: "worker could not be sent its task (gone, or not reading)",
             at: now, into: &actions)
    }

    /// A launch failed: the worker never ran, so its assigned trial goes back
    /// to the queue as it was. A launch cut short by the run's interruption is
    /// no death, and needs no word.
    mutating func launchFailed(_ id: WorkerID, reason: String, into actions: inout [SchedulerAction]) {
        guard let worker = workers.removeValue(forKey: id), interruption == nil else { return }
        deathsBeforeHello += 1
        requeueUnstarted(worker)
        actions.append(.log(.error, "cannot start worker \(id): \(reason)"))
    }

    /// Checks what time alone decides: records that never followed a clean
    /// exit, exits never reported after a failed send, trials past their
    /// timeout, silent workers, workers that never said hello, workers that
    /// outstay their shutdown, and workers that keep dying.
    mutating func supervise(at now: Duration, into actions: inout [SchedulerAction]) {
        for worker in workers.values.sorted(by: { $0.id < $1.id }) {
            supervise(worker, at: now, into: &actions)
        }
    }

    private mutating func supervise(_ worker: WorkerState, at now: Duration, into actions: inout [SchedulerAction]) {
        let id = worker.id
        if let exitedAt = worker.exitedAt {
            if now - exitedAt > settings.recordGrace {
                lose(id, outcome: .workerLost, reason: "worker exited with status 0 without sending its record",
                     processEnded: true, at: now, into: &actions)
            }
        } else if let unreachableAt = worker.unreachableAt {
            if now - unreachableAt > settings.recordGrace { loseUnreachable(id, at: now, into: &actions) }
        } else if let timeout = settings.trialTimeout, let task = worker.task, now - task.since > timeout {
            lose(id, outcome: .timeout, reason: "trial ran past the trial timeout of \(Self.tenths(timeout)) s; worker killed",
                 at: now, into: &actions)
        } else if case .retiring(let since) = worker.activity, now - since > settings.shutdownGrace {
            workers[id] = nil
            actions.append(.kill(id))
        } else if let interruption, now - interruption.since > settings.shutdownGrace {
            workers[id] = nil
            actions.append(.kill(id))
        } else if worker.hello == nil, !worker.isExternal, now - worker.since > settings.helloTimeout {
            deathsBeforeHello += 1
            requeueUnstarted(worker)
            workers[id] = nil
            actions.append(.kill(id))
            actions.append(.log(.error, "worker \(id) did not say hello within \(Self.tenths(settings.helloTimeout)) s; killed"))
        } else if worker.hello != nil, !worker.isRetiring, now - worker.lastHeard > settings.heartbeatTimeout {
            let silence = Self.tenths(now - worker.lastHeard)
            lose(id, outcome: .workerLost, reason: "worker silent for \(silence) s; killed", at: now, into: &actions)
        }
    }

    /// A worker's trial is lost: the worker goes (killed unless its process is
    /// known to have ended) and, if the trial had started, it is recorded with
    /// `outcome` and retried while attempts remain (`worker-lost` only). A trial
    /// that never reached its worker goes back to the queue with no record; so
    /// does nothing at all while the run is being interrupted.
    mutating func lose(
        _ id: WorkerID, outcome: Outcome, reason: String, processEnded: Bool = false,
        at now: Duration, into actions: inout [SchedulerAction]
    ) {
        guard let worker = workers.removeValue(forKey: id) else { return }
        if worker.isExternal { actions.append(.sendShutdown(id)) }
        if !processEnded { actions.append(.kill(id)) }
        if worker.hello == nil { deathsBeforeHello += 1 }
        requeueUnstarted(worker)
        guard let task = worker.task, interruption == nil else { return }
        actions.append(.log(.warning, "trial \(task.spec.strategy) #\(task.spec.trial) attempt \(task.spec.attempt) on \(id): \(reason)"))
        let retry = outcome == .workerLost && task.spec.attempt <= settings.retries
        let record = TrialRecord(
            lost: task.spec, worker: id, pid: worker.hello?.pid ?? worker.pid ?? 0,
            host: worker.hello?.host ?? settings.host, launch: worker.launchMethod,
            startedAt: Timestamp.rfc3339(
                microsecondsSinceEpoch: settings.wallClockStart + Int64((task.since.seconds * 1e6).rounded())),
            modelsBefore: worker.trialsDone, wallSeconds: (now - task.since).seconds, outcome: outcome, reason: reason)
        emit(record, final: !retry, into: &actions)
        if retry {
            var again = task.spec
            again.attempt += 1
            queue.putFirst(again)
        }
    }

    /// A worker leaves with a trial it never started, assigned but never sent or
    /// sent ahead: the trial goes back to the front of the queue, unrecorded,
    /// unless the run is being interrupted.
    mutating func requeueUnstarted(_ worker: WorkerState) {
        guard interruption == nil else { return }
        for spec in worker.ahead.reversed() { queue.putFirst(spec) }
        if let spec = worker.assigned { queue.putFirst(spec) }
    }
}

extension Scheduler {
    /// Seconds with one decimal, for messages.
    static func tenths(_ duration: Duration) -> String {
        let tenths = Int((duration.seconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
