/// How many trials at the start of each process growth fits leave out.
///
/// A real run does not grow in a straight line from its first model. In a fresh process
/// the first few models pay for lazy initialisation, first-touch page faults and the
/// allocator's first arenas: in the classic experiment on two workers, `clear` took
/// 680 µs for trial 0 and about 270-330 µs from trial 5 on, and its resident memory jumps
/// 16-80 KiB over the first two or three models before rising by about 1 KiB per model.
/// A slope over all trials mixes that one-off step with the steady rate, and reads as
/// "per model" what was paid once; a long run, which is what the slope predicts, is all
/// steady state.
///
/// So the growth reports lead with is the *steady-state* growth: the fit leaves out the
/// first 10% of each process's trials (rounded up: 10 of 100, 5 of 50, 1 of 10), never
/// any when a process ran fewer than 10, because then there is too little to spare and
/// no steady state to speak of. The same cut applies to time and memory, and to every
/// strategy alike, so the strategies stay comparable. Reports say how many trials were
/// left out and also give the slope over all trials, so a reader sees both and can
/// judge the warm-up for themselves; the chart always draws every trial.
///
/// For a strategy whose every trial ran in a fresh process (see
/// ``ModelsCreated/Axis/trialIndex``) the "process" is the repeat: the first 10% of its
/// trial indices are left out, which covers a coordinator or fork server warming up.
public enum WarmUp {
    /// The fraction of each process's trials left out, before rounding up.
    public static let fraction = 0.1
    /// The fewest trials a process must have run for any to be left out.
    public static let minimumTrials = 10

    /// How many of the first trials of a process that ran `trials` are left out.
    public static func length(ofProcessWith trials: Int) -> Int {
        guard trials >= minimumTrials else { return 0 }
        return Int((Double(trials) * fraction).rounded(.up))
    }
}
