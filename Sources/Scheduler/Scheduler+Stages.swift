import TrialRecords

extension Scheduler {
    /// Starts stage `index`, or finishes the run after the last.
    mutating func beginStage(_ index: Int, at now: Duration, into actions: inout [SchedulerAction]) {
        stageIndex = index
        draining = false
        guard let stage else { return finish(.completed(trialsWithoutOK: plannedTrials - trialsOK), into: &actions) }
        queue = TrialQueue(stage.trials)
        owed = stage.trials.count
        stageLaunches = 0
        actions.append(.log(.info, "stage \(stage.strategy) repeat \(stage.repeat): \(owed) trials"))
        // External workers carry their state over from the last stage; their next
        // task of another strategy or repeat is what tells them to reset it.
        for worker in workers.values where worker.activity == .idle {
            startNextTrial(on: worker.id, at: now, into: &actions)
        }
    }

    /// Moves the run on after every event: launches what the stage lacks, ends
    /// a stage whose trials all have their records once its workers are gone,
    /// and ends an interrupted run once its workers are gone.
    mutating func advance(at now: Duration, into actions: inout [SchedulerAction]) {
        guard !isFinished else { return }
        if deathsBeforeHello > settings.maxDeathsBeforeHello {
            // Checked after every event, not only on ticks: a launch that fails
            // at once would otherwise be retried at once, for ever, between ticks.
            return finish(.failed(reason: """
                \(deathsBeforeHello) workers in a row ended or failed to start before saying hello; \
                see the messages above
                """), into: &actions)
        }
        if let interruption {
            if !workers.values.contains(where: { !$0.isExternal }) {
                finish(.interrupted(signal: interruption.signal, trialsWithoutOK: plannedTrials - trialsOK),
                       into: &actions)
            }
            return
        }
        guard let stage else { return }
        if owed > 0 {
            launchWorkers(for: stage, at: now, into: &actions)
            return
        }
        if !draining {
            draining = true
            for worker in workers.values where !worker.isExternal && !worker.isRetiring {
                retire(worker.id, at: now, into: &actions)
            }
        }
        if !workers.values.contains(where: { !$0.isExternal }) {
            beginStage(stageIndex + 1, at: now, into: &actions)
            advance(at: now, into: &actions)
        }
    }

    /// Launches workers until the stage has what it needs: for `process` a fresh
    /// one per queued trial, `workers` at a time; otherwise its long-lived ones.
    private mutating func launchWorkers(for stage: Stage, at now: Duration, into actions: inout [SchedulerAction]) {
        if stage.strategy == .process {
            let running = workers.values.count(where: \.isOneShot)
            for _ in 0..<max(0, min(settings.workers - running, queue.count)) {
                let spec = queue.removeFirst()
                launch(oneShot: spec, at: now, into: &actions)
            }
            return
        }
        let wanted = stage.strategy.isolatesProcesses || settings.spreadInProcess ? settings.workers : 1
        // Counted, not filtered: this runs after every event, and a filter copies the workers it keeps.
        let live = workers.values.count { !$0.isExternal && !$0.isRetiring }
        for _ in 0..<max(0, min(wanted - live, queue.count)) {
            launch(oneShot: nil, at: now, into: &actions)
        }
    }

    /// Launches a worker: one-shot for `spec`, or long-lived when `spec` is nil.
    private mutating func launch(oneShot spec: TrialSpec?, at now: Duration, into actions: inout [SchedulerAction]) {
        while workers["w\(nextWorkerNumber)"] != nil { nextWorkerNumber += 1 }
        let id = "w\(nextWorkerNumber)"
        nextWorkerNumber += 1
        let request = LaunchRequest(
            worker: id, trial: spec, via: spec != nil ? settings.processLaunch : settings.workerLaunch)
        var worker = WorkerState(id: id, launch: request, at: now)
        worker.assigned = spec
        if spec == nil {
            // A pool worker beyond the first `workers` replaces a recycled one.
            worker.chargesStartup = stage?.strategy == .pool && stageLaunches >= settings.workers
            stageLaunches += 1
        }
        workers[id] = worker
        actions.append(.launch(request))
    }

    /// Tells a worker to shut down; it is killed if it outstays the grace period.
    /// An external worker's exit cannot be watched: it is forgotten at once.
    mutating func retire(_ id: WorkerID, at now: Duration, into actions: inout [SchedulerAction]) {
        guard let worker = workers[id] else { return }
        actions.append(.sendShutdown(id))
        if worker.isExternal {
            workers[id] = nil
        } else {
            workers[id]?.activity = .retiring(since: now)
        }
    }

    /// Ends the run: external workers are told to shut down; nothing more follows.
    mutating func finish(_ ending: RunEnding, into actions: inout [SchedulerAction]) {
        for worker in workers.values.sorted(by: { $0.id < $1.id }) {
            actions.append(worker.isExternal ? .sendShutdown(worker.id) : .kill(worker.id))
        }
        workers.removeAll()
        queue.removeAll()
        isFinished = true
        actions.append(.finish(ending))
    }

    /// SIGINT or SIGTERM: no new trial is sent; trials running, and those a
    /// worker holds ahead, may still send their records within the shutdown
    /// grace; then every worker goes.
    mutating func interrupt(by signal: Int32, at now: Duration, into actions: inout [SchedulerAction]) {
        guard interruption == nil else { return }
        interruption = (signal, now)
        queue.removeAll()
        actions.append(.log(.notice, "signal \(signal): stopping the run"))
        for worker in workers.values.sorted(by: { $0.id < $1.id }) {
            workers[worker.id]?.assigned = nil
            if worker.task == nil && !worker.isRetiring { retire(worker.id, at: now, into: &actions) }
        }
    }
}
