import Collecting
import Security
import TrialRecords
import ZeroMQ

extension ExperimentRun {
    /// How long a run waits at its start for its collector's answer to `open`.
    /// A collector on this machine answers within milliseconds, one on another
    /// host within a few round trips; three seconds leave room for a loaded
    /// machine and still report a wrong endpoint before anyone wonders.
    public static let collectorAnswerTimeout: Duration = .seconds(3)

    /// How long a finished run waits for its collector to acknowledge the
    /// records still outstanding, and then `end`. A collector takes tens of
    /// thousands of records a second, so ten seconds cover everything a link
    /// keeps for it, and a collector being restarted by hand; a collector that
    /// is gone delays the run's end by no more.
    public static let collectorFinishTimeout: Duration = .seconds(10)

    /// The same wait after SIGINT or SIGTERM, which a run acts on within a second.
    public static let collectorFinishTimeoutInterrupted: Duration = .seconds(1)

    /// Connects to the standalone collector and waits for its answer to `open`.
    ///
    /// - Throws: ``CollectorUnreachable`` when it does not answer in time and
    ///   the collector is not optional; `ZMQError` for an endpoint libzmq refuses.
    func connectCollector(_ endpoint: String, context: Context, curve: ClientKeys?) throws -> CollectorLink {
        let link = try CollectorLink(connect: endpoint, runID: plan.runID, context: context, curve: curve, logger: logger)
        guard !link.waitForAnswer(timeout: Self.collectorAnswerTimeout) else { return link }
        guard options.collectorOptional else {
            link.close()
            throw CollectorUnreachable(endpoint: endpoint)
        }
        logger.warning("""
            no collector answered at \(endpoint) within \(Self.collectorAnswerTimeout); the run goes on \
            (--collector-optional): records go to \(options.output), and are kept for the collector \
            and sent when it answers
            """)
        return link
    }

    /// A resumed run's records from before its interruption, handed to the
    /// collector before any new one: it stores those it lacks and acknowledges
    /// those it holds, and the run's `end` then counts the whole run.
    func forward(earlier records: [TrialRecord], to link: CollectorLink) {
        for record in records { link.send(RecordKey(record), json: Array(record.jsonLine().utf8)) }
    }

    /// Warns, with counts, when the collector did not acknowledge everything.
    func report(_ delivery: CollectorLink.Delivery, of link: CollectorLink, waited: Duration) {
        let missing = delivery.unacknowledged + delivery.notKept
        if missing > 0 {
            logger.warning("""
                the collector at \(link.endpoint) acknowledged \(delivery.acknowledged) of \(delivery.records) \
                records by \(waited) after the run's end: \(delivery.unacknowledged) sent and not acknowledged, \
                \(delivery.notKept) not sent (past what is kept for it); all \(delivery.records) are in \(options.output)
                """)
        } else if !delivery.ended {
            logger.warning("""
                the collector at \(link.endpoint) acknowledged all \(delivery.records) records but not the \
                run's end within \(waited)
                """)
        }
    }
}
