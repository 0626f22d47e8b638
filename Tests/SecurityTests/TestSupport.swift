import Foundation

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct ScratchFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "isorun-security-tests-" + UUID().uuidString
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The permission bits of the file at `name` inside the folder.
    func mode(_ name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path + "/" + name)
        return (attributes[.posixPermissions] as! NSNumber).intValue
    }

    func write(_ text: String, to name: String) throws {
        try text.write(toFile: path + "/" + name, atomically: false, encoding: .utf8)
    }
}
