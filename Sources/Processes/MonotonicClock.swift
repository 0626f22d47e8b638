#if canImport(Glibc)
import Glibc
#endif

/// `CLOCK_MONOTONIC`, read directly: the time since an unspecified start, for
/// deadlines and for the phases a trial times.
///
/// `ContinuousClock` would serve, but it is part of Swift Concurrency, and a
/// program that uses it links Concurrency and libdispatch whole: in the
/// `process` trial's static executable, 130 KB of tables relocated and paged
/// in at every start (issue 13). The modules that program links use this.
public enum MonotonicClock {
    /// The time since the clock's start.
    public static var now: Duration {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }
}
