#if canImport(Glibc)
import Glibc
#endif

/// The wall clock, read once per run: records the coordinator makes itself are
/// stamped from it plus the run's monotonic time.
enum WallClock {
    /// Now, in microseconds since the Unix epoch (`CLOCK_REALTIME`).
    static func microsecondsSinceEpoch() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1000
    }
}
