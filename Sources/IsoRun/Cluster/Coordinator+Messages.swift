import TrialRecords
import ZeroMQ

extension Coordinator {
    /// Waits up to `timeout` for messages and worker exits, and handles all that arrived.
    func pollOnce(timeout: Duration) throws {
        var descriptors: [Int32] = []
        if let signals { descriptors.append(signals.descriptor) }
        if let forkServer { descriptors.append(forkServer.eventDescriptor) }
        let ready = try waitReadable(socket: router, descriptors: descriptors, timeout: timeout)
        if ready.socket {
            while let frames = try router.receiveIfAvailable() {
                try handle(frames)
            }
        }
        if let forkServer {
            // Reports read while a spawn waited for its reply are queued: take them every time.
            let readable = ready.descriptors.contains(forkServer.eventDescriptor)
            for (pid, status) in try forkServer.takeEnded(readFirst: readable) { processEnded(pid, status: status) }
        }
    }

    /// Handles one message as the ROUTER delivered it: routing id, then the frames.
    private func handle(_ frames: [[UInt8]]) throws {
        guard let identity = frames.first else { return }
        let sender = String(decoding: identity, as: UTF8.self)
        let message: WireMessage
        do {
            message = try WireMessage(frames: Array(frames.dropFirst()))
        } catch {
            logger.warning("refused a message from '\(sender)': \(error)")
            _ = try? router.send([identity] + WireMessage.error("refused: \(error)").frames, flags: .dontWait)
            return
        }
        let now = clock.now
        if slots[sender] != nil { slots[sender]?.lastHeard = now }
        switch message {
        case .hello(let hello):
            if slots[sender] == nil {
                guard hello.worker == sender else {
                    let reason = "hello names worker '\(hello.worker)' but the routing id is '\(sender)'"
                    logger.warning("refused a hello: \(reason)")
                    _ = try? router.send([identity] + WireMessage.error("refused: \(reason)").frames, flags: .dontWait)
                    return
                }
                logger.info("external worker \(sender) (pid \(hello.pid) on \(hello.host)) joined")
                slots[sender] = WorkerSlot(id: sender, origin: .external, launch: "external", now: now)
            }
            slots[sender]?.saidHello = true
            deathsBeforeHello = 0
            if let started = slots[sender]?.started {
                logger.debug("worker \(sender) said hello \(formatMilliseconds(now - started)) after its spawn")
            }
        case .ready:
            try workerReady(sender)
        case .record(let record):
            try received(record, from: sender, at: now)
        case .heartbeat(let beat):
            slots[beat.worker]?.lastHeard = now
        case .error(let reason):
            logger.error("worker \(sender) reported: \(reason)")
        case .task, .shutdown, .end:
            logger.warning("ignored a \(message.kind) message from worker '\(sender)'")
        }
    }

    /// A worker is free: after its `ready` (once, after hello) and after each
    /// record. It gets its assigned or the next trial at once, or shutdown.
    private func workerReady(_ id: String) throws {
        guard let slot = slots[id], slot.task == nil else { return }
        let external = slot.origin == .external
        if slot.retiring || (stage == nil && !external) {
            try? router.send([Array(id.utf8)] + WireMessage.shutdown.frames, flags: .dontWait)
            slots[id]?.retiring = true
        } else if let spec = slot.assigned {
            try send(task: spec, to: id)
        } else if case .oneShot = slot.origin {
            // A one-shot worker whose trial is done: it exits by itself.
            return
        } else if stage == nil || stage?.strategy == .process {
            // An external worker waits for the next stage that uses long-lived workers.
            slots[id]?.idle = true
        } else if !queue.isEmpty {
            // The next trial goes out at once, without waiting for the loop.
            try send(task: queue.removeFirst(), to: id)
        } else {
            slots[id]?.idle = true
        }
    }

    /// Completes a record with what only the coordinator saw, and sends it on.
    private func received(_ record: TrialRecord, from id: String, at now: ContinuousClock.Instant) throws {
        guard let slot = slots[id], let task = slot.task, task.spec == spec(of: record) else {
            logger.warning("ignored a record from '\(id)' for a trial it was not running")
            return
        }
        logger.debug("worker \(id) sent its record \(formatMilliseconds(now - task.since)) after its task")
        var record = record
        record.launch = Launch(rawValue: slot.launch)
        switch task.spec.strategy {
        case .process:
            let wall = now - slot.started
            record.wallSeconds = wall.seconds
            record.isolationSeconds = record.totalSeconds.map { wall.seconds - $0 }
        case .pool:
            let wall = now - task.since
            let startup = slot.chargesStartup && slot.trialsDone == 0 ? (task.since - slot.started).seconds : 0
            if let isolation = record.isolationSeconds, let workerWall = record.wallSeconds {
                record.isolationSeconds = isolation + wall.seconds - workerWall + startup
            }
            record.wallSeconds = wall.seconds
            if let reason = recycleReason(slot, record) {
                record.recycled = reason
                slots[id]?.retiring = true
            }
        default:
            record.wallSeconds = (now - task.since).seconds
        }
        slots[id]?.task = nil
        slots[id]?.trialsDone += 1
        if slot.exitedAt != nil { slots[id] = nil }
        // The next task leaves before the record is passed on, keeping the
        // collector off the path from one trial to the next.
        try workerReady(id)
        try emit(record, final: true)
    }

    private func recycleReason(_ slot: WorkerSlot, _ record: TrialRecord) -> String? {
        guard slot.origin != .external else { return nil }
        if slot.trialsDone + 1 >= options.settings.maxTrialsPerWorker { return "max-trials" }
        let limit = options.settings.maxWorkerRSSBytes
        if limit > 0, let rss = record.rssBytes, rss > limit { return "max-rss" }
        return nil
    }

    private func spec(of record: TrialRecord) -> TrialSpec? {
        TrialSpec(
            runID: record.runID, experiment: record.experiment, strategy: record.strategy, trial: record.trial,
            repeat: record.repeat, attempt: record.attempt)
    }
}
