import TrialRecords
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

extension Coordinator {
    /// Reaps ended children, and kills workers whose trial overran or that fell silent.
    func superviseWorkers() throws {
        for pid in exiting {
            if let status = ChildProcess.reapIfEnded(pid) { processEnded(pid, status: status) }
        }
        for slot in slots.values where slot.launch == Launch.exec.rawValue && slot.exitedAt == nil {
            if let pid = slot.pid, let status = ChildProcess.reapIfEnded(pid) { processEnded(pid, status: status) }
        }
        let now = clock.now
        let timeout = options.settings.trialTimeoutSeconds
        for slot in slots.values {
            if let exited = slot.exitedAt {
                if now - exited > Self.recordGrace {
                    lose(slot.id, outcome: .workerLost, reason: "worker exited with status 0 without sending its record",
                         processEnded: true)
                }
            } else if timeout > 0, let task = slot.task, (now - task.since).seconds > timeout {
                lose(slot.id, outcome: .timeout, reason: "trial ran past --trial-timeout \(timeout) s; worker killed")
            } else if !slot.retiring, now - slot.lastHeard > options.heartbeatTimeout {
                let silence = (now - slot.lastHeard).seconds
                lose(slot.id, outcome: .workerLost, reason: "worker silent for \(formatSeconds(silence)) s; killed")
            }
        }
        if deathsBeforeHello > 5 {
            throw Failure(description: """
                workers of \(options.executable) keep dying before they say hello to \(endpoint); \
                see their messages above
                """)
        }
        if let error = pendingSinkError { throw error }
    }

    /// Accounts for a child that ended: expected after a shutdown or a one-shot
    /// trial, otherwise its trial is lost.
    func processEnded(_ pid: pid_t, status: ExitStatus) {
        exiting.remove(pid)
        guard let slot = slots.values.first(where: { $0.pid == pid }) else { return }
        if slot.task != nil, status == .exited(0) {
            slots[slot.id]?.exitedAt = clock.now
        } else if slot.owedTrial != nil {
            lose(slot.id, outcome: .workerLost, reason: status.explanation, processEnded: true)
        } else {
            if !slot.saidHello && !slot.retiring {
                deathsBeforeHello += 1
                logger.error("worker \(slot.id) (pid \(pid)) ended before saying hello: \(status.explanation)")
            }
            slots[slot.id] = nil
        }
    }

    /// Records a worker's trial as lost (retrying it while attempts remain), kills
    /// the worker if it is ours and still running, and forgets it; the stage
    /// then replaces it.
    ///
    /// - Parameter processEnded: the process is known to have ended (and, if ours,
    ///   been reaped): its pid must not be signalled, it may belong to another.
    func lose(_ id: String, outcome: Outcome, reason: String, processEnded: Bool = false) {
        guard let slot = slots.removeValue(forKey: id) else { return }
        if slot.pid != nil {
            if !processEnded { kill(slot) }
        } else {
            _ = try? router.send([Array(id.utf8)] + WireMessage.shutdown.frames, flags: .dontWait)
        }
        if !slot.saidHello { deathsBeforeHello += 1 }
        guard let spec = slot.owedTrial else { return }
        logger.warning("trial \(spec.strategy.rawValue) #\(spec.trial) attempt \(spec.attempt) on \(id): \(reason)")
        let since = slot.task?.since ?? slot.started
        let retry = outcome == .workerLost && spec.attempt <= options.settings.retries
        var record = TrialRecord(
            runID: spec.runID, experiment: spec.experiment, strategy: spec.strategy, trial: spec.trial,
            repeat: spec.repeat, attempt: spec.attempt, worker: id, pid: slot.pid ?? 0,
            host: ProcessMetrics.hostName, launch: Launch(rawValue: slot.launch),
            startedAt: Timestamp.now(minus: clock.now - since), modelsBefore: slot.trialsDone,
            outcome: outcome, reason: reason)
        record.wallSeconds = (clock.now - since).seconds
        do {
            try emit(record, final: !retry)
        } catch {
            pendingSinkError = error
        }
        if retry {
            var again = spec
            again.attempt += 1
            queue.insert(again, at: 0)
        }
    }

    /// Ends a stage: long-lived workers are told to shut down, then killed if
    /// they outstay the grace period. External workers stay for the next stage.
    func retireStageWorkers() {
        stage = nil
        let local = slots.values.filter { $0.pid != nil }.map(\.id)
        stopWorkers(local)
    }

    /// Stops every worker, ours and external, and the fork server.
    func stopAllWorkers() {
        stage = nil
        stopWorkers(Array(slots.keys))
        forkServer?.shutdown()
        forkServer = nil
    }

    /// Kills a worker this coordinator started: an exec'd child directly (and
    /// reaps it later), a fork-server child through the fork server, which alone
    /// knows whether that pid is still its child.
    private func kill(_ slot: WorkerSlot) {
        guard let pid = slot.pid else { return }
        if slot.launch == Launch.exec.rawValue {
            ChildProcess.kill(pid)
            exiting.insert(pid)
        } else {
            forkServer?.kill(pid)
        }
    }

    private func stopWorkers(_ ids: [String]) {
        for id in ids {
            _ = try? router.send([Array(id.utf8)] + WireMessage.shutdown.frames, flags: .dontWait)
            slots[id]?.retiring = true
        }
        let deadline = clock.now + options.gracePeriod
        while clock.now < deadline, ids.contains(where: { slots[$0]?.pid != nil }) || !exiting.isEmpty {
            try? pollOnce(timeout: .milliseconds(20))
            try? superviseWorkers()
            _ = signals?.signal  // a second Ctrl-C must not keep the poll above awake
        }
        for id in ids {
            guard let slot = slots.removeValue(forKey: id) else { continue }
            kill(slot)
        }
        for pid in exiting { _ = ChildProcess.wait(pid) }
        exiting.removeAll()
    }
}
