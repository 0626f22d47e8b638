#if canImport(Glibc)
import Glibc
#endif

/// A folder of this run's own under the temporary directory (`TMPDIR`, else
/// `/tmp`), for its ipc endpoints, removed with the files it holds when the run
/// ends (libzmq does not always unlink an ipc socket file before the process exits).
///
/// The folder is named after the process that made it, `isorun-PID-XXXXXX`, so
/// that one left behind by a coordinator that died without cleaning up (SIGKILL,
/// a power loss) can be told from a live one's: ``removeStale(in:)`` removes it.
public struct PrivateFolder: Sendable {
    public let path: String

    /// Creates the folder, mode 0700, named after this process's pid.
    ///
    /// - Parameter base: where to create it; nil: ``temporaryDirectory``.
    /// - Throws: ``Failure`` naming the temporary directory and the system's reason.
    public init(in base: String? = nil) throws {
        let base = base ?? Self.temporaryDirectory
        var template = Array("\(base)/\(Self.prefix)\(getpid())-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw Failure(description: "cannot create a folder in \(base): \(String(cString: strerror(errno)))")
        }
        path = String(cString: created)
    }

    private init(existing path: String) {
        self.path = path
    }

    /// `TMPDIR` when set and not empty, else `/tmp`.
    public static var temporaryDirectory: String {
        getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// What every private folder's name starts with.
    static let prefix = "isorun-"

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

    /// Removes the private folders in `base` whose coordinator is gone: folders
    /// named `isorun-PID-XXXXXX`, owned by this user, whose PID no process has
    /// (`kill(PID, 0)` fails with `ESRCH`). Folders of live processes, of other
    /// users, and anything not named so (a symbolic link, a file) are left alone.
    ///
    /// - Parameter base: the folder to look in; nil: ``temporaryDirectory``.
    /// - Returns: the paths of the folders removed.
    @discardableResult
    public static func removeStale(in base: String? = nil) -> [String] {
        let base = base ?? temporaryDirectory
        guard let directory = opendir(base) else { return [] }
        var names: [String] = []
        while let entry = readdir(directory) {
            names.append(withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) })
        }
        closedir(directory)
        var removed: [String] = []
        for name in names {
            guard let pid = creator(ofFolderNamed: name), kill(pid, 0) == -1, errno == ESRCH else { continue }
            let path = "\(base)/\(name)"
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, status.st_uid == getuid() else { continue }
            PrivateFolder(existing: path).remove()
            if access(path, F_OK) != 0 { removed.append(path) }
        }
        return removed
    }

    /// The pid in a private folder's name (`isorun-PID-XXXXXX`), or nil for any other name.
    static func creator(ofFolderNamed name: String) -> pid_t? {
        guard name.hasPrefix(prefix) else { return nil }
        let parts = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].utf8.count == 6, !parts[0].isEmpty,
              parts[0].utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let pid = pid_t(parts[0]), pid > 0 else { return nil }
        return pid
    }
}
