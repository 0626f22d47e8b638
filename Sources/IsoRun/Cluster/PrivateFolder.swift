import Foundation

/// A folder of this run's own under the temporary directory, for its ipc
/// endpoints, removed with what it holds when the run ends (libzmq does not
/// always unlink an ipc socket file before the process exits).
struct PrivateFolder {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "isorun-XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: NSTemporaryDirectory()])
        }
        path = String(cString: created)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
