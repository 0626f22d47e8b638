#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An executable and its arguments, turned into C strings once, so that
/// spawning it many times measures `posix_spawn` and not string conversion.
///
/// The corresponding C function is `posix_spawn`.
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
