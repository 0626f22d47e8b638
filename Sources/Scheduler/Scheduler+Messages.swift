import TrialRecords

extension Scheduler {
    /// A worker introduced itself. A name the scheduler did not launch joins as
    /// an external worker, unless it is one of the `w<N>` names reserved for
    /// launched workers.
    mutating func helloReceived(
        from id: WorkerID, _ hello: WorkerHello, at now: Duration, into actions: inout [SchedulerAction]
    ) {
        if workers[id] == nil {
            guard !Self.isReserved(id) else {
                actions.append(.refuse(id, reason: "worker ids w<N> are reserved for workers the coordinator launches"))
                actions.append(.log(.warning, "refused a hello from '\(id)': a reserved id it was not launched under"))
                return
            }
            guard interruption == nil else { return actions.append(.sendShutdown(id)) }
            workers[id] = WorkerState(id: id, launch: nil, at: now)
            actions.append(.log(.info, "external worker \(id) (pid \(hello.pid) on \(hello.host)) joined"))
        }
        guard workers[id]?.hello == nil else {
            return actions.append(.log(.warning, "ignored a second hello from worker \(id)"))
        }
        workers[id]?.hello = hello
        workers[id]?.lastHeard = now
        deathsBeforeHello = 0
        if let worker = workers[id], let stage, !worker.isExternal, !worker.canRun(stage.strategy) {
            let offered = hello.capabilities.map(\.rawValue).sorted().joined(separator: ", ")
            return finish(.failed(reason: """
                worker \(id) cannot run strategy '\(stage.strategy)': it offers [\(offered)]
                """), into: &actions)
        }
        // A process given its task at launch says hello just before it starts
        // the trial: from here on, losing it loses an attempt.
        if let worker = workers[id], worker.taskHandedOver, let spec = worker.assigned {
            workers[id]?.assigned = nil
            workers[id]?.activity = .busy(spec, since: now)
        }
    }

    /// A worker is free: once after hello, and after each record.
    mutating func readyReceived(from id: WorkerID, at now: Duration, into actions: inout [SchedulerAction]) {
        guard let worker = workers[id], worker.hello != nil else {
            return actions.append(.refuse(id, reason: "ready before hello"))
        }
        workers[id]?.lastHeard = now
        guard worker.task == nil, !worker.isRetiring, !worker.isLeaving else { return }
        startNextTrial(on: id, at: now, into: &actions)
    }

    /// Gives a free worker its assigned trial, the stage's next one, or a
    /// shutdown when the stage has nothing for it.
    mutating func startNextTrial(on id: WorkerID, at now: Duration, into actions: inout [SchedulerAction]) {
        guard let worker = workers[id] else { return }
        if let spec = worker.assigned {
            workers[id]?.assigned = nil
            return send(spec, to: id, at: now, into: &actions)
        }
        if worker.isOneShot { return retire(id, at: now, into: &actions) }
        guard let stage else {
            if worker.isExternal && interruption == nil { workers[id]?.activity = .idle }
            else { retire(id, at: now, into: &actions) }
            return
        }
        if draining && !worker.isExternal { return retire(id, at: now, into: &actions) }
        guard stage.strategy != .process, worker.canRun(stage.strategy), !queue.isEmpty else {
            workers[id]?.activity = .idle
            return
        }
        send(queue.removeFirst(), to: id, at: now, into: &actions)
        sendAhead(to: id, into: &actions)
    }

    /// Sends a busy worker its next trials as well, when its trials are short
    /// (``SchedulerSettings/sendAheadBelow``): it starts each as soon as it has
    /// sent the record before it, without waiting for the coordinator. It holds
    /// one ahead, and as many more as it runs in two ``SchedulerSettings/batchWait``s.
    /// Only a launched worker of an in-process stage gets them, and only while
    /// the queue holds more trials than there are workers without one: `pool`
    /// pays its round trip per trial by definition, a `process` worker runs one
    /// trial, and an external worker may take a task at a time.
    mutating func sendAhead(to id: WorkerID, into actions: inout [SchedulerAction]) {
        guard let index = workers.index(forKey: id), let stage, !stage.strategy.isolatesProcesses, !draining else {
            return
        }
        let missing = workers.values[index].aheadMissing(by: settings)
        // Most records find the worker holding enough: the others are counted only when it does not.
        guard missing > 0 else { return }
        let withoutTask = workers.values.count(where: \.isWithoutTask)
        for _ in 0..<missing {
            guard queue.count > withoutTask else { return }
            let spec = queue.removeFirst()
            workers.values[index].ahead.append(spec)
            actions.append(.sendTask(spec, to: id))
        }
    }

    /// How long the coordinator may leave records unread and then take them
    /// together; nil when it may not. Only while every worker runs a trial and
    /// holds another ahead, and for at most ``SchedulerSettings/batchWait`` and
    /// half the work the least-fed worker holds (its trials ahead at its last
    /// trial's wall): the other half covers the wake-up and the records handled
    /// before its own, so no worker runs out meanwhile. A worker that holds
    /// fewer trials than it runs in two batch waits (a local link that takes
    /// few of a large task) so makes the batches shorter, not itself idle.
    public var currentBatchWait: Duration? {
        guard interruption == nil, settings.batchWait > .zero, !workers.isEmpty else { return nil }
        var wait = settings.batchWait
        for worker in workers.values {
            guard !worker.ahead.isEmpty, let wall = worker.lastTrialWall else { return nil }
            wait = min(wait, wall * worker.ahead.count / 2)
        }
        return wait
    }

    private mutating func send(_ spec: TrialSpec, to id: WorkerID, at now: Duration, into actions: inout [SchedulerAction]) {
        if let index = workers.index(forKey: id) { workers.values[index].activity = .busy(spec, since: now) }
        actions.append(.sendTask(spec, to: id))
    }

    /// A worker's record: checked against the trial it was sent, completed with
    /// what only the coordinator saw, and written. A worker that recycling
    /// retires gets its shutdown; any other gets its next trial before the
    /// record is written, keeping the writer off the path between trials.
    mutating func recordReceived(
        _ record: TrialRecord, from id: WorkerID, at now: Duration, into actions: inout [SchedulerAction]
    ) {
        guard let index = workers.index(forKey: id), let task = workers.values[index].task, task.spec.identifies(record)
        else {
            actions.append(.refuse(id, reason: "record for a trial that was not sent to this worker"))
            actions.append(.log(.warning, "refused a record from '\(id)' for a trial it was not running"))
            return
        }
        guard record.outcome == .ok || record.outcome == .failed else {
            actions.append(.refuse(id, reason: "a worker may report ok or failed; '\(record.outcome.rawValue)' is the coordinator's to decide"))
            return lose(id, outcome: .workerLost, reason: "worker reported outcome '\(record.outcome.rawValue)'",
                        at: now, into: &actions)
        }
        var record = record
        let recycled = task.spec.strategy == .pool ? recycleReason(workers.values[index], record) : nil
        let leaving = workers.values[index].isLeaving
        // In place: each `workers[id]?.field = value` moves the whole state out and back.
        let startsHeldTrial = Self.noteTrial(
            task, of: &record, doneBy: &workers.values[index], at: now, carriesOn: recycled == nil && !leaving)
        if leaving {
            let worker = workers.remove(at: index).value
            if worker.exitedAt == nil { actions.append(.kill(id)) }
            requeueUnstarted(worker)
        } else if let recycled {
            record.recycled = recycled
            retire(id, at: now, into: &actions)
        } else if startsHeldTrial {
            sendAhead(to: id, into: &actions)
        } else {
            startNextTrial(on: id, at: now, into: &actions)
        }
        emit(record, final: true, into: &actions)
    }

    /// Completes `record` from what the coordinator saw of `worker` and notes
    /// the trial done. A worker that carries on starts the trial it held ahead,
    /// if any (true), the moment it sent this record.
    private static func noteTrial(
        _ task: (spec: TrialSpec, since: Duration, sentAhead: Bool), of record: inout TrialRecord,
        doneBy worker: inout WorkerState, at now: Duration, carriesOn: Bool
    ) -> Bool {
        IsolationCost.complete(&record, of: worker, task: task.since, sentAhead: task.sentAhead, at: now)
        worker.lastHeard = now
        worker.activity = .idle
        worker.trialsDone += 1
        // The record's wall, not the time between records: those of a batch come together.
        worker.lastTrialWall = record.wallSeconds.map { .seconds($0) } ?? now - task.since
        guard carriesOn, !worker.ahead.isEmpty else { return false }
        worker.activity = .busy(worker.ahead.removeFirst(), since: now, sentAhead: true)
        return true
    }

    /// Why a pool worker is replaced after the trial that gave `record`, if it is.
    private func recycleReason(_ worker: WorkerState, _ record: TrialRecord) -> String? {
        if worker.trialsDone + 1 >= settings.maxTrialsPerWorker { return "max-trials" }
        if settings.maxWorkerRSSBytes > 0, let rss = record.rssBytes, rss > settings.maxWorkerRSSBytes {
            return "max-rss"
        }
        return nil
    }

    /// Writes a record; a final one settles its trial.
    mutating func emit(_ record: TrialRecord, final: Bool, into actions: inout [SchedulerAction]) {
        actions.append(.record(record))
        guard final else { return }
        owed -= 1
        if record.outcome == .ok { trialsOK += 1 }
    }

    /// Whether `id` is of the form the scheduler names its own workers: `w` and digits.
    public static func isReserved(_ id: WorkerID) -> Bool {
        id.count > 1 && id.first == "w" && id.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }
}

extension TrialSpec {
    /// Whether `record` is this trial's: the same run, strategy, repeat, index and attempt.
    func identifies(_ record: TrialRecord) -> Bool {
        record.runID == runID && record.experiment == experiment && record.strategy == strategy
            && record.trial == trial && record.repeat == `repeat` && record.attempt == attempt
    }
}
