#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An executable and its arguments, turned into C strings once, so that
/// spawning it many times measures `posix_spawn` and not string conversion.
///
/// The corresponding C functions are `posix_spawn` and `waitpid`.
final class SpawnCommand {
    /// The executable's path.
    let path: String
    private let argv: [UnsafeMutablePointer<CChar>?]

    /// - Parameters:
    ///   - path: An absolute path; `posix_spawn` does not search `PATH`.
    ///   - arguments: The arguments after the program name.
    init(path: String, arguments: [String]) {
        self.path = path
        argv = ([path] + arguments).map { strdup($0) } + [nil]
    }

    deinit {
        for pointer in argv { free(pointer) }
    }

    /// Starts the program with this process's environment.
    ///
    /// - Parameter fileActions: Descriptor changes for the child, or `nil` to
    ///   let it inherit stdin, stdout and stderr.
    /// - Returns: The child's process id.
    /// - Throws: ``BenchError`` naming the path and the `errno` text.
    func spawn(fileActions: UnsafePointer<posix_spawn_file_actions_t>? = nil) throws(BenchError) -> pid_t {
        var pid: pid_t = 0
        let result = argv.withUnsafeBufferPointer { arguments in
            posix_spawn(&pid, path, fileActions, nil, arguments.baseAddress!, environ)
        }
        guard result == 0 else {
            throw BenchError("posix_spawn \(path) failed: \(String(cString: strerror(result))); check that the file exists and is executable")
        }
        return pid
    }
}

/// Waits for the child `pid` to end and returns its wait status, retrying on `EINTR`.
///
/// The corresponding C function is `waitpid`.
func waitForExit(_ pid: pid_t) throws(BenchError) -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
        guard errno == EINTR else {
            throw BenchError("waitpid(\(pid)) failed: \(String(cString: strerror(errno)))")
        }
    }
    return status
}

/// Whether a wait status from `waitpid` says the child exited with status 0.
func exitedCleanly(_ status: Int32) -> Bool {
    // WIFEXITED and WEXITSTATUS are macros Swift does not import.
    status & 0x7f == 0 && (status >> 8) & 0xff == 0
}
