import Foundation

/// Whether `cc` is on PATH; the C floors' tests are skipped without it.
let ccAvailable = (ProcessInfo.processInfo.environment["PATH"] ?? "")
    .split(separator: ":")
    .contains { FileManager.default.isExecutableFile(atPath: "\($0)/cc") }

/// A fresh folder under the temporary directory.
func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("isorun-bench-tests-\(UUID().uuidString)")
}

/// A fresh folder under the temporary directory, made.
func madeTemporaryFolder() throws -> URL {
    let folder = temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}
