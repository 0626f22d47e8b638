import Foundation

/// A folder of this run's own under the temporary directory, for its ipc
/// endpoints, removed with what it holds when the run ends (libzmq does not
/// always unlink an ipc socket file before the process exits).
struct PrivateFolder {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "isorun-XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else {
            throw Failure(message: "cannot create a folder in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))")
        }
        path = String(cString: created)
    }

    /// A folder that could not be created, and why.
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
