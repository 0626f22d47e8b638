import CProcessShims

/// glibc malloc's arenas, as a local worker process wants them.
public enum MallocArenas {
    /// Makes every thread allocate from the one main arena. By default a thread's
    /// first allocation maps an arena of its own (64 MiB of address space, a few
    /// system calls, the pages it touches), which a process that lives for one
    /// trial pays for each of its threads: its trial's and its heartbeat's. Call
    /// at the start of `main`, before any thread starts; a fork-server zygote's
    /// children inherit it.
    ///
    /// The corresponding C call is `mallopt(M_ARENA_MAX, 1)`.
    public static func useOne() {
        _ = isorun_single_malloc_arena()
    }
}
