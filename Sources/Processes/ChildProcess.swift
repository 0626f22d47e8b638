#if !os(Linux)
#error("IsoRun's process layer is Linux-only: signalfd, prctl(PR_SET_PDEATHSIG), /proc")
#endif

import CProcessShims

#if canImport(Glibc)
import Glibc
#endif

/// Starting, signalling and reaping child processes with plain POSIX calls.
public enum ChildProcess {
    /// An error from `posix_spawn`, naming the program.
    public struct SpawnError: Error, CustomStringConvertible {
        public var executable: String
        public var code: Int32
        public var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
    }

    /// Starts `executable` with `arguments` in a process group of its own (so a
    /// terminal's Ctrl-C reaches only the coordinator, which then stops its
    /// workers), by default with its standard output sent to standard error
    /// (stdout carries results).
    ///
    /// - Parameters:
    ///   - executable: a path, or a name looked up in `PATH`.
    ///   - environment: variables added to this process's environment.
    ///   - stdin: the child's standard input; nil: this process's.
    ///   - stdout: the child's standard output; nil: this process's standard error.
    ///   - stderr: the child's standard error; nil: this process's.
    ///   - descriptor3: given to the child as its descriptor 3 (a local link made
    ///     before the launch); nil: the child has no descriptor 3.
    /// - Returns: the child's pid.
    /// - Throws: ``SpawnError``.
    public static func spawn(
        _ executable: String, arguments: [String], environment: [String: String] = [:],
        stdin: Int32? = nil, stdout: Int32? = nil, stderr: Int32? = nil, descriptor3: Int32? = nil
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin { posix_spawn_file_actions_adddup2(&actions, stdin, 0) }
        // dup2 clears close-on-exec on the copy, also when the descriptor is 3 already (glibc 2.29 and later).
        if let descriptor3 { posix_spawn_file_actions_adddup2(&actions, descriptor3, 3) }
        if let stderr { posix_spawn_file_actions_adddup2(&actions, stderr, 2) }
        posix_spawn_file_actions_adddup2(&actions, stdout ?? 2, 1)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let added = environment.map { "\($0.key)=\($0.value)" }
        let envp: [UnsafeMutablePointer<CChar>?] = inheritedEnvironment(without: Set(environment.keys)).map { strdup($0) }
            + added.map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }
        var pid = pid_t()
        let status = executable.contains("/")
            ? posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            : posix_spawnp(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { throw SpawnError(executable: executable, code: status) }
        return pid
    }

    /// This process's environment as `NAME=value` strings, less the `names` given.
    private static func inheritedEnvironment(without names: Set<String>) -> [String] {
        var entries: [String] = []
        var cursor = environ
        while let entry = cursor.pointee {
            let text = String(cString: entry)
            let name = text.split(separator: "=", maxSplits: 1).first.map(String.init) ?? text
            if !names.contains(name) { entries.append(text) }
            cursor += 1
        }
        return entries
    }

    /// Sends `signal` to `pid`; a process already gone is not an error.
    public static func kill(_ pid: pid_t, signal: Int32 = SIGKILL) {
        _ = Glibc.kill(pid, signal)
    }

    /// A descriptor that becomes readable when the child `pid` ends, for a poll
    /// to learn of its end at once rather than at its next timeout; close it
    /// after reaping. Nil where the kernel has no `pidfd_open` (before 5.3).
    public static func endDescriptor(_ pid: pid_t) -> Int32? {
        let descriptor = isorun_pidfd_open(pid)
        return descriptor >= 0 ? descriptor : nil
    }

    /// Reaps `pid` if it has ended, without waiting.
    public static func reapIfEnded(_ pid: pid_t) -> ExitStatus? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        return result == pid ? ExitStatus(waitStatus: status) : nil
    }

    /// Waits for `pid` to end and reaps it.
    public static func wait(_ pid: pid_t) -> ExitStatus? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, 0)
            if result == pid { return ExitStatus(waitStatus: status) }
            if result < 0 && errno != EINTR { return nil }
        }
    }

    /// The path of the running executable (`/proc/self/exe`), for spawning copies of it.
    public static var currentExecutable: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        precondition(count > 0, "cannot read /proc/self/exe")
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Makes the kernel kill this process when its parent dies (Linux's
    /// `PR_SET_PDEATHSIG`), so no worker outlives a coordinator killed outright.
    /// Exits at once if the parent is already gone.
    public static func dieWithParent(expectedParent: pid_t) {
        _ = isorun_set_parent_death_signal(SIGKILL)
        if getppid() != expectedParent { exit(70) }
    }
}
