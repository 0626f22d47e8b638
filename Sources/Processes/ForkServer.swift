import CProcessShims

#if canImport(Glibc)
import Glibc
#endif

/// The zygote behind `--launch fork-server`: a single-threaded process, started
/// once with the program's libraries loaded but no graph state and no ZeroMQ
/// context, that forks a fresh child for each `process` trial. A fork of a
/// loaded process skips what an exec pays again every time: loading and linking
/// libzmq's and Swift's shared libraries and initialising the runtime.
///
/// It speaks lines over its standard input and output:
/// - in: `spawn <worker-id> <endpoint>`; the child runs `child(id, endpoint)` and
///   exits with its result; `kill <pid>` kills that child if it is one not yet reaped;
///   `ping`, answered `pong` (the zygote has loaded what its children share);
/// - out: `spawned <worker-id> <pid>` at once, and `ended <pid> exited <code>` or
///   `ended <pid> signal <number>` when the zygote reaps a child; `error <text>` for
///   a request it cannot carry out. A zygote that refuses to serve at all (a Python
///   one whose framework's threads already run) says `error refused: <reason>` and exits.
/// It exits when its standard input closes, after killing its children.
public enum ForkServer {
    /// Serves spawn requests until standard input closes.
    ///
    /// - Parameters:
    ///   - prepare: runs once, before any fork, to warm what every child uses.
    ///   - child: runs in each forked child; returns its exit status.
    /// - Returns: the zygote's own exit status.
    public static func serve(prepare: () -> Void, child: (_ id: String, _ endpoint: String) -> Int32) -> Int32 {
        prepare()
        var childSignals = sigset_t()
        sigemptyset(&childSignals)
        sigaddset(&childSignals, SIGCHLD)
        var previousMask = sigset_t()
        sigprocmask(SIG_BLOCK, &childSignals, &previousMask)
        let signals = isorun_signalfd(&childSignals)
        guard signals >= 0 else { return 71 }

        var input = LineReader(descriptor: 0)
        var children: Set<pid_t> = []
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: signals, events: Int16(POLLIN), revents: 0)]
        while true {
            guard poll(&fds, 2, -1) >= 0 || errno == EINTR else { break }
            if fds[1].revents != 0 {
                isorun_drain_signalfd(signals)
                reap(&children)
            }
            guard fds[0].revents != 0 else { continue }
            guard let lines = input.readAvailable() else { break }
            for line in lines {
                let words = line.split(separator: " ")
                if words.count == 2, words[0] == "kill", let pid = pid_t(words[1]) {
                    if children.contains(pid) { kill(pid, SIGKILL) }
                    continue
                }
                if words == ["ping"] {
                    writeLine("pong")
                    continue
                }
                guard words.count == 3, words[0] == "spawn" else {
                    writeLine("error unknown request '\(line)'")
                    continue
                }
                let zygote = getpid()
                let pid = fork()
                if pid == 0 {
                    close(signals)
                    sigprocmask(SIG_SETMASK, &previousMask, nil)
                    dup2(2, 1)
                    close(0)
                    ChildProcess.dieWithParent(expectedParent: zygote)
                    let id = String(words[1]), endpoint = String(words[2])
                    exit(onFreshThread { child(id, endpoint) })
                }
                if pid > 0 {
                    children.insert(pid)
                    writeLine("spawned \(words[1]) \(pid)")
                } else {
                    writeLine("error fork failed: \(String(cString: strerror(errno)))")
                }
            }
        }
        for pid in children { kill(pid, SIGKILL) }
        for pid in children { _ = ChildProcess.wait(pid) }
        return 0
    }

    /// Runs `body` on a new thread and waits for it, in a forked child.
    ///
    /// The forked child's main thread is unfit to run Swift code that other
    /// threads contend with: the Swift runtime's futex locks (behind `swift_once`,
    /// lazy globals, metadata caches, `Mutex`) store their owner's thread id,
    /// which each thread caches in a thread-local the first time it locks. After
    /// `fork` the child's main thread still holds the zygote's id, so a lock it
    /// owns cannot be handed over (`FUTEX_UNLOCK_PI` fails with EPERM) and every
    /// thread that waits for it hangs: a one-shot worker racing its heartbeat
    /// thread to a lazy global deadlocked about once in 150 trials. Threads
    /// created in the child cache their own, right, ids; the main thread only
    /// waits in `pthread_join`, which takes no Swift lock.
    ///
    /// - Returns: what `body` returned, or 71 if no thread could be started.
    private static func onFreshThread(_ body: () -> Int32) -> Int32 {
        withoutActuallyEscaping(body) { body in
            final class Run {
                let body: () -> Int32
                var status: Int32 = 71
                init(_ body: @escaping () -> Int32) { self.body = body }
            }
            let run = Run(body)
            var thread = pthread_t()
            let created = pthread_create(&thread, nil, { argument in
                let run = Unmanaged<Run>.fromOpaque(argument!).takeUnretainedValue()
                run.status = run.body()
                return nil
            }, Unmanaged.passUnretained(run).toOpaque())
            guard created == 0 else { return 71 }
            pthread_join(thread, nil)
            return run.status
        }
    }

    private static func reap(_ children: inout Set<pid_t>) {
        var status: Int32 = 0
        while true {
            let pid = waitpid(-1, &status, WNOHANG)
            guard pid > 0 else { return }
            children.remove(pid)
            writeLine("ended \(pid) \(ExitStatus(waitStatus: status))")
        }
    }

    private static func writeLine(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
