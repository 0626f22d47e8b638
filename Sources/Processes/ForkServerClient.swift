import CProcessShims

#if canImport(Glibc)
import Glibc
#endif

/// The coordinator's side of the fork server: starts the zygote once, asks it
/// for a fresh worker per trial, and learns from it when those workers end
/// (they are the zygote's children, not ours).
public final class ForkServerClient {
    /// The zygote's pid.
    public let pid: pid_t
    private let requests: Int32
    private var events: LineReader
    /// Readable when the run is being interrupted: a spawn stops waiting then.
    private let interrupt: Int32?
    private var ended: [(pid: pid_t, status: ExitStatus)] = []

    /// The descriptor to poll for ended workers.
    public var eventDescriptor: Int32 { events.descriptor }

    /// Starts the zygote.
    ///
    /// - Parameters:
    ///   - command: the zygote's program and arguments (`isorun fork-server --parent PID`).
    ///   - output: where the zygote's standard error (and its children's output) goes; nil: this process's.
    ///   - interrupt: a descriptor that becomes readable when the run is interrupted
    ///     (``SignalWatcher/descriptor``): a spawn waiting for the zygote's reply gives up then.
    public init(command: [String], output: Int32? = nil, interrupt: Int32? = nil) throws {
        self.interrupt = interrupt
        // A zygote that died leaves its request pipe without a reader: a request
        // written to it must fail with EPIPE, not end this process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let executable = command[0]
        var toServer: [Int32] = [0, 0], fromServer: [Int32] = [0, 0]
        guard isorun_pipe(&toServer, 0) == 0, isorun_pipe(&fromServer, 0) == 0 else {
            throw ChildProcess.SpawnError(executable: executable, code: errno)
        }
        defer {
            close(toServer[0])
            close(fromServer[1])
        }
        do {
            pid = try ChildProcess.spawn(
                executable, arguments: Array(command.dropFirst()), stdin: toServer[0], stdout: fromServer[1],
                stderr: output)
        } catch {
            close(toServer[1])
            close(fromServer[0])
            throw error
        }
        requests = toServer[1]
        // A zygote that stops reading must make a request fail, not block the coordinator.
        _ = fcntl(requests, F_SETFL, fcntl(requests, F_GETFL) | O_NONBLOCK)
        events = LineReader(descriptor: fromServer[0])
    }

    /// How long a spawn waits for the zygote's reply (a fork takes about a
    /// millisecond): a zygote that is stopped or hung must not hold the run.
    static let replyDeadline = Duration.seconds(1)

    /// How long the first spawn waits: the zygote answers once it has loaded
    /// what its children share, which for a Python zygote that imports
    /// TensorFlow takes seconds, tens of them on a loaded machine.
    static let startupDeadline = Duration.seconds(60)

    /// Whether the zygote has answered a request yet.
    private var answered = false

    /// How long ``shutdown()`` lets the zygote exit before it is killed.
    static let exitGrace = Duration.seconds(1)

    /// A zygote that will not serve at all, with its reason: a Python zygote
    /// whose framework already runs threads, which a fork would leave locked.
    public struct Refusal: Error, CustomStringConvertible {
        /// The zygote's reason, as it said it.
        public var reason: String
        public var description: String { "the fork server refused to serve: \(reason)" }

        /// The refusal `line` of the zygote's states (`error refused: <reason>`), if it is one.
        init?(line: String) {
            let prefix = "error refused: "
            guard line.hasPrefix(prefix) else { return nil }
            reason = String(line.dropFirst(prefix.count))
        }
    }

    /// Waits until the zygote has loaded what its children share (it answers
    /// `ping` only then), so that no trial's launch pays for that loading.
    ///
    /// - Throws: ``Refusal`` when the zygote refuses to serve;
    ///   ``ChildProcess/SpawnError`` as ``spawn(id:endpoint:)`` does.
    public func awaitReady() throws {
        try send("ping")
        _ = try awaitReply { $0 == "pong" ? true : nil }
    }

    /// Forks a fresh one-shot worker connected to `endpoint`.
    ///
    /// - Returns: the worker's pid.
    /// - Throws: ``Refusal`` when the zygote refuses to serve;
    ///   ``ChildProcess/SpawnError`` when the zygote cannot fork, is gone, or
    ///   does not answer within a second (a minute for its first answer), or
    ///   the run is interrupted meanwhile (`EINTR`).
    public func spawn(id: String, endpoint: String) throws -> pid_t {
        try send("spawn \(id) \(endpoint)")
        return try awaitReply { line in
            let words = line.split(separator: " ")
            return words.count == 3 && words[0] == "spawned" && words[1] == id ? pid_t(words[2]) : nil
        }
    }

    /// Writes one request line, without blocking.
    private func send(_ line: String) throws {
        let request = Array("\(line)\n".utf8)
        guard request.withUnsafeBytes({ write(requests, $0.baseAddress, $0.count) }) == request.count else {
            let code = errno
            // A zygote that refused to serve says why, then exits: its reason outranks the broken pipe.
            if code == EPIPE, let refusal = events.readAvailable()?.lazy.compactMap(Refusal.init(line:)).first {
                throw refusal
            }
            throw ChildProcess.SpawnError(executable: "fork-server (it does not read its requests)", code: code)
        }
    }

    /// Reads the zygote's lines until one is the reply `match` recognises,
    /// keeping the ends of workers reported meanwhile.
    private func awaitReply<Reply>(_ match: (String) -> Reply?) throws -> Reply {
        let deadline = MonotonicClock.now + (answered ? Self.replyDeadline : Self.startupDeadline)
        while true {
            switch waitReadable(until: deadline) {
            case .readable: break
            case .timedOut: throw ChildProcess.SpawnError(executable: "fork-server (no reply to a request)", code: ETIMEDOUT)
            case .interrupted: throw ChildProcess.SpawnError(executable: "fork-server (the run was interrupted)", code: EINTR)
            }
            guard let lines = events.readAvailable() else {
                throw ChildProcess.SpawnError(executable: "fork-server (it exited)", code: EPIPE)
            }
            var reply: Reply?
            for line in lines {
                if let refusal = Refusal(line: line) { throw refusal }
                if line.hasPrefix("error ") {
                    throw ChildProcess.SpawnError(executable: "fork-server: \(line.dropFirst(6))", code: EAGAIN)
                }
                noteEnded(line)
                reply = match(line) ?? reply
            }
            if let reply {
                answered = true
                return reply
            }
        }
    }

    /// Returns the workers that ended: reports queued while a spawn waited for
    /// its reply, and those the zygote sent since (read without waiting).
    ///
    /// - Throws: ``ChildProcess/SpawnError`` when the zygote has exited.
    public func takeEnded() throws -> [(pid: pid_t, status: ExitStatus)] {
        var ready = pollfd(fd: events.descriptor, events: Int16(POLLIN), revents: 0)
        if poll(&ready, 1, 0) > 0 {
            guard let lines = events.readAvailable() else {
                throw ChildProcess.SpawnError(executable: "fork-server (pid \(pid), it exited)", code: EPIPE)
            }
            for line in lines { noteEnded(line) }
        }
        defer { ended.removeAll() }
        return ended
    }

    /// Asks the zygote to kill its child `pid`; it does so only while that pid
    /// is a child it has not reaped, so a reused pid is never hit.
    public func kill(_ pid: pid_t) {
        let request = Array("kill \(pid)\n".utf8)
        _ = request.withUnsafeBytes { write(requests, $0.baseAddress, $0.count) }
    }

    /// Closes the zygote's input (it kills its children and exits) and reaps
    /// it; a zygote that does not exit within a second (stopped, say) is killed.
    public func shutdown() {
        close(requests)
        let deadline = MonotonicClock.now + Self.exitGrace
        while ChildProcess.reapIfEnded(pid) == nil {
            guard MonotonicClock.now < deadline else {
                ChildProcess.kill(pid)
                _ = ChildProcess.wait(pid)
                break
            }
            _ = waitReadable(until: min(deadline, MonotonicClock.now + .milliseconds(10)), interruptible: false)
        }
        close(events.descriptor)
    }

    /// What a wait for the zygote's output came to.
    private enum Wait {
        case readable, timedOut, interrupted
    }

    /// Waits until the zygote's output is readable (or has ended), at most until
    /// `deadline`, and while `interruptible` no longer than the run is not interrupted.
    @discardableResult
    private func waitReadable(until deadline: Duration, interruptible: Bool = true) -> Wait {
        let watched = [events.descriptor] + (interruptible ? interrupt.map { [$0] } ?? [] : [])
        while true {
            var ready = watched.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let count = poll(&ready, nfds_t(ready.count), (deadline - MonotonicClock.now).pollTimeout)
            if count > 0 { return ready[0].revents != 0 ? .readable : .interrupted }
            if count == 0 || errno != EINTR { return .timedOut }
        }
    }

    /// Keeps the end of a worker that `line` reports, if it reports one.
    private func noteEnded(_ line: String) {
        let words = line.split(separator: " ", maxSplits: 2)
        if words.count == 3, words[0] == "ended", let pid = pid_t(words[1]), let status = ExitStatus(words[2]) {
            ended.append((pid, status))
        }
    }
}
