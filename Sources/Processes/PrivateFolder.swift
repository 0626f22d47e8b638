#if canImport(Glibc)
import Glibc
#endif

/// A folder of this run's own under the temporary directory (`TMPDIR`, else
/// `/tmp`), for its ipc endpoints, removed with the files it holds when the run
/// ends (libzmq does not always unlink an ipc socket file before the process exits).
public struct PrivateFolder: Sendable {
    public let path: String

    /// Creates the folder, mode 0700.
    ///
    /// - Throws: ``Failure`` naming the temporary directory and the system's reason.
    public init() throws {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/isorun-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw Failure(description: "cannot create a folder in \(base): \(String(cString: strerror(errno)))")
        }
        path = String(cString: created)
    }

    /// A folder that could not be created, and why.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Removes the files in the folder, then the folder.
    public func remove() {
        if let directory = opendir(path) {
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != "." && name != ".." { unlink("\(path)/\(name)") }
            }
            closedir(directory)
        }
        rmdir(path)
    }
}
