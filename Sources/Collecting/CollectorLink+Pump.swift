import Logging
import TrialRecords
import Wire
import WireJSON
import ZeroMQ

extension CollectorLink {
    /// The link's thread: it alone touches the socket. Every 20 ms at most it
    /// reads acknowledgements, sends the records handed over, sends again
    /// what is due, and, once the run is finishing, closes the exchange with `end`.
    /// Created on the caller's thread and handed over whole to the link's.
    final class Pump {
        private let socket: Socket
        private let runID: String
        private let endpoint: String
        private let settings: Settings
        private let shared: Shared
        private let logger: Logger
        private let clock = ContinuousClock()
        private var outstanding: OutstandingRecords
        private var delivery = Delivery()
        private var answered = false
        private var lastOpen: ContinuousClock.Instant?
        private var lastEnd: ContinuousClock.Instant?
        private var silent = false
        /// What the collector's last acknowledgement said it takes in one
        /// `records` message; 0: only `record` messages.
        private var recordsPerMessage = 0
        /// Bytes of records sent since the collector's last answer
        /// (``Settings/unansweredWindow``).
        private var sentSinceAnswer = 0

        /// How often, before the collector's first answer, `open` is sent again.
        private static let openInterval = Duration.milliseconds(200)

        init(socket: Socket, runID: String, endpoint: String, settings: Settings, shared: Shared, logger: Logger) {
            self.socket = socket
            self.runID = runID
            self.endpoint = endpoint
            self.settings = settings
            self.shared = shared
            self.logger = logger
            outstanding = OutstandingRecords(byteLimit: settings.byteLimit)
        }

        func run() {
            defer { socket.close() }
            while true {
                let readable = (try? ZeroMQ.poll([.socket(socket)], timeout: .milliseconds(20))).map { $0[0].contains(.readable) }
                if readable == true { readAcknowledgements() }
                let (inbox, finish) = shared.state.withLock { state in
                    defer { state.inbox.removeAll(keepingCapacity: true) }
                    return (state.inbox, state.finish)
                }
                let now = clock.now
                sendFirst(inbox, at: now)
                resendDue(at: now)
                warnOfSilence(at: now)
                if let finish, !finish.sendEnd || closeExchange(deadline: finish.deadline, at: now) { break }
            }
            delivery.unacknowledged = outstanding.count
            shared.state.withLock { $0.delivery = delivery }
        }

        private func readAcknowledgements() {
            var acknowledged = 0
            while let frames = try? socket.receiveIfAvailable() {
                guard case .ack(let ack)? = try? WireMessage(frames: frames), ack.runID == runID else {
                    logger.debug("ignored a message from the collector at \(endpoint) that is not an ack of run \(runID)")
                    continue
                }
                if !answered {
                    answered = true
                    shared.state.withLock { $0.answered = true }
                    shared.answered.signal()
                }
                acknowledged += outstanding.acknowledge(ack.records)
                recordsPerMessage = ack.recordsPerMessage
                sentSinceAnswer = 0
                if ack.ended { delivery.ended = true }
            }
            delivery.acknowledged += acknowledged
            if silent && acknowledged > 0 {
                silent = false
                logger.notice("the collector at \(endpoint) answers again; \(outstanding.count) records still wait for it")
            }
        }

        /// Sends records the first time and keeps them; one past the bound is neither.
        private func sendFirst(_ records: [(key: RecordKey, bytes: [UInt8])], at now: ContinuousClock.Instant) {
            var messages = RecordMessages(recordsPerMessage: recordsPerMessage)
            for (key, bytes) in records {
                delivery.records += 1
                guard outstanding.add(key, bytes: bytes, at: now) else {
                    if delivery.notKept == 0 {
                        logger.warning("""
                            \(outstanding.count) records (\(outstanding.keptBytes >> 20) MiB) wait for the collector at \
                            \(endpoint), the most kept for it: later records go to the run's file only until it answers
                            """)
                    }
                    delivery.notKept += 1
                    continue
                }
                // Failing now (no collector connected, or its queue full) is fine: sent again when due.
                _ = send(messages.add(bytes))
            }
            _ = send(messages.flush())
        }

        /// Sends a message of records, if there is one, without waiting.
        ///
        /// - Returns: false when the socket refused it, or the window did.
        private func send(_ frames: [[UInt8]]?) -> Bool {
            guard let frames else { return true }
            guard sentSinceAnswer < settings.unansweredWindow, (try? socket.send(frames, flags: .dontWait)) != nil else {
                return false
            }
            sentSinceAnswer += frames[2].count
            return true
        }

        /// Sends again, oldest first, what has waited ``Settings/resendAfter``
        /// for its acknowledgement, after an `open` (a restarted collector then
        /// knows the run before its records); stops at the first send refused
        /// (what that message held waits ``Settings/resendAfter`` again).
        /// Before the collector's first answer, and while the window is full,
        /// repeats `open` alone, for an answer.
        private func resendDue(at now: ContinuousClock.Instant) {
            if sentSinceAnswer >= settings.unansweredWindow {
                return sendOpen(after: answered ? settings.resendAfter : Self.openInterval, at: now)
            }
            var messages = RecordMessages(recordsPerMessage: recordsPerMessage)
            var opened = false
            while let due = outstanding.nextDue(at: now, resendAfter: settings.resendAfter) {
                if !opened {
                    guard sendOpen(at: now) else { return }
                    opened = true
                }
                guard send(messages.add(due.bytes)) else { return }
                outstanding.resent(due.key, at: now)
            }
            guard send(messages.flush()) else { return }
            if !answered { sendOpen(after: Self.openInterval, at: now) }
        }

        /// Sends `open` unless one went out less than `interval` ago.
        private func sendOpen(after interval: Duration, at now: ContinuousClock.Instant) {
            if lastOpen.map({ now - $0 >= interval }) ?? true { _ = sendOpen(at: now) }
        }

        private func sendOpen(at now: ContinuousClock.Instant) -> Bool {
            lastOpen = now
            return (try? socket.send(WireMessage.open(runID: runID).frames, flags: .dontWait)) != nil
        }

        private func warnOfSilence(at now: ContinuousClock.Instant) {
            guard !silent, let oldest = outstanding.oldestSend, now - oldest >= settings.silenceWarning else { return }
            silent = true
            logger.warning("""
                the collector at \(endpoint) has acknowledged nothing for \(settings.silenceWarning); \
                \(outstanding.count) records are kept for it and sent again when it answers
                """)
        }

        /// Sends `end` with the records handed over once every one is
        /// acknowledged (or at the deadline), again when due; true when the
        /// exchange is over: `end` acknowledged, or the deadline passed.
        private func closeExchange(deadline: ContinuousClock.Instant, at now: ContinuousClock.Instant) -> Bool {
            if delivery.ended { return true }
            let pastDeadline = now >= deadline
            let due = lastEnd.map { now - $0 >= settings.resendAfter } ?? true
            if (outstanding.isEmpty && due) || (pastDeadline && lastEnd == nil) {
                lastEnd = now
                _ = sendOpen(at: now)
                _ = try? socket.send(WireMessage.end(runID: runID, records: delivery.records).frames, flags: .dontWait)
            }
            return pastDeadline
        }
    }
}
