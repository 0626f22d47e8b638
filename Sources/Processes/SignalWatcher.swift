import CProcessShims

#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Turns SIGINT and SIGTERM into something a poll loop can wait on: the handler
/// writes the signal's number to a pipe whose read end the loop polls.
///
/// Process-wide by nature (signal dispositions are), so it is installed once,
/// by the command that owns the run.
public final class SignalWatcher: Sendable {
    /// The read end of the pipe: readable once a signal has arrived.
    public let descriptor: Int32
    private let received = Atomic<Int32>(0)

    /// Installs the handlers for SIGINT and SIGTERM (a C function that writes
    /// the signal's number to the pipe), and unblocks both signals on the
    /// calling thread.
    ///
    /// A process inherits its signal mask from whoever started it, and some
    /// parents start children with SIGINT and SIGTERM blocked (Foundation's
    /// `Process` from a thread that blocks them, as test runners do); a handler
    /// alone would then never run, and Ctrl-C or SIGTERM would not end the run.
    /// Threads started afterwards from this one inherit the unblocked mask.
    ///
    /// It also counts SIGCONT (``continuedCount``), so the run can tell that it
    /// was stopped.
    ///
    /// - Precondition: called once per process: signal dispositions are process-wide.
    public init() {
        precondition(!Self.installed.exchange(true, ordering: .relaxed), "SignalWatcher installed twice")
        var ends: [Int32] = [0, 0]
        precondition(isorun_pipe(&ends, 1) == 0, "pipe2 failed: \(errno)")
        descriptor = ends[0]
        precondition(isorun_install_signal_pipe(ends[1]) == 0, "installing the signal handlers failed: \(errno)")
        precondition(isorun_install_continue_counter() == 0, "installing the SIGCONT handler failed: \(errno)")
    }

    /// How often this process was continued after a stop (SIGCONT) since the watcher was installed.
    public var continuedCount: Int { isorun_continue_count() }

    private static let installed = Atomic<Bool>(false)

    /// The first signal received, if any; reads what the pipe holds.
    public var signal: Int32? {
        var byte: UInt8 = 0
        while read(descriptor, &byte, 1) == 1 {
            _ = received.compareExchange(expected: 0, desired: Int32(byte), ordering: .relaxed)
        }
        let number = received.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }
}
