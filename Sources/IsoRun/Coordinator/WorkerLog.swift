import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// The file workers' standard output and error go to, beside the records file
/// (`results/seed.jsonl` → `results/seed.log`): a crashing worker's trace is
/// kept there instead of flooding the user's terminal.
final class WorkerLog {
    let path: FilePath
    private(set) var descriptor: Int32

    /// Opens (appending) the log beside `records`.
    ///
    /// - Throws: ``Failure`` naming the file when it cannot be opened.
    init(besideRecords records: FilePath) throws {
        var path = records
        if path.extension == "jsonl" { path.extension = nil }
        path = FilePath(path.string + ".log")
        self.path = path
        descriptor = open(path.string, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot write the workers' log \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// The log's path if workers wrote anything to it; an empty log is removed.
    func keep() -> FilePath? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else {
            unlink(path.string)
            return nil
        }
        return path
    }

    /// Closes the log; calling it again does nothing.
    func close() {
        guard descriptor >= 0 else { return }
        _ = Glibc.close(descriptor)
        descriptor = -1
    }

    /// A log that could not be opened.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}
