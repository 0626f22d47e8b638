/// The coordinator's clock: time since the run began, less the coordinator's
/// own stalls, so that no trial is charged for them.
///
/// The coordinator stamps each event when its poll returns. If the coordinator
/// was not running (stopped by SIGSTOP, not scheduled on a swamped machine, a
/// suspended VM), an event that came meanwhile is stamped late, and a trial in
/// flight would record the pause as its `wall_s` and `isolation_s`. A stall is
/// seen in two ways:
/// - a poll that returns later than its timeout by more than
///   ``overshootThreshold``: the excess is the stall;
/// - a SIGCONT since the last poll: the process was stopped, somewhere in the
///   last round; the round's time beyond the poll timeout is the stall.
/// Either way the stall is taken off every later reading, so events during it
/// are stamped as if they came when it began: `wall_s`, `isolation_s`, trial
/// timeouts and heartbeat silences then exclude it.
struct StallClock {
    /// How late a poll may return before the excess counts as a stall: more
    /// than a busy machine's scheduling delay, far less than a pause worth noting.
    static let overshootThreshold = Duration.milliseconds(250)

    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    /// Stalls seen so far, in all.
    private(set) var excluded: Duration = .zero
    /// When the last poll returned.
    private var lastReturn: ContinuousClock.Instant
    private var continues: Int

    /// - Parameter continues: the process's SIGCONT count now.
    init(continues: Int) {
        start = clock.now
        lastReturn = start
        self.continues = continues
    }

    /// Time since the run began, less the stalls.
    var elapsed: Duration { clock.now - start - excluded }

    /// The instant a poll is entered, for ``pollReturned(enteredAt:timeout:continues:)``.
    var now: ContinuousClock.Instant { clock.now }

    /// Accounts for one poll that was entered at `entered` with `timeout` and
    /// has just returned.
    ///
    /// - Parameter continues: the process's SIGCONT count now.
    /// - Returns: the stall found in this round, if any.
    mutating func pollReturned(enteredAt entered: ContinuousClock.Instant, timeout: Duration, continues: Int) -> Duration? {
        let returned = clock.now
        defer { lastReturn = returned }
        var stall = Duration.zero
        if continues != self.continues {
            self.continues = continues
            stall = returned - lastReturn - timeout
        } else if returned - entered - timeout > Self.overshootThreshold {
            stall = returned - entered - timeout
        }
        guard stall > .zero else { return nil }
        excluded += stall
        return stall
    }
}
