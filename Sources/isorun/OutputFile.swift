import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Writes a report, chart or page to a file, with an error that names the file, what
/// it was for and the system's reason in words, never Foundation's error text.
enum OutputFile {
    /// A file that could not be written.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Replaces `path` with `text`; a file that could not be written whole (a full
    /// disk) is removed rather than left truncated.
    ///
    /// - Parameter what: how the user asked for the file (`--svg`), for the message.
    static func write(_ text: String, to path: String, what: String) throws {
        do {
            let descriptor = try FileDescriptor.open(
                FilePath(path), .writeOnly, options: [.create, .truncate],
                permissions: [.ownerReadWrite, .groupRead, .otherRead])
            defer { try? descriptor.close() }
            do {
                _ = try descriptor.writeAll(Array(text.utf8))
            } catch {
                unlink(path)
                throw error
            }
        } catch let error as Errno {
            let reason = error.description.prefix(1).lowercased() + error.description.dropFirst()
            throw Failure(description: "\(what) \(path): cannot write it: \(reason)")
        }
    }
}
