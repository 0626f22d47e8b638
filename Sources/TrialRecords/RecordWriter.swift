import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Appends records to a JSONL file, one line per record, each written with a
/// single `write(2)` as it arrives so nothing finished is lost if the process dies.
///
/// A line is never left torn: when a write fails part-way (a full disk, an I/O
/// error), the file is cut back to the end of the last whole line before the
/// error is thrown, so every line in it reads back as a record.
///
/// Durability: a written line is in the kernel (it survives the process, not a
/// power loss) until ``sync()``, or a ``SyncHandle`` on another thread, has
/// `fdatasync(2)`ed it; a new file's folder entry is synced when it is created.
///
/// Not thread-safe: one writer belongs to one task or thread (its
/// ``syncHandle`` may be used from another).
public final class RecordWriter {
    /// The file being written.
    public let path: FilePath
    private var descriptor: FileDescriptor?
    /// The file's size at the end of its last whole line.
    public private(set) var wholeSize: Int64
    private let syncState = SyncState()

    /// Opens (creating parent folders) or truncates `path` for writing.
    ///
    /// - Throws: `Errno`, with `RecordWriter.OpenError` naming the path.
    public init(path: FilePath, append: Bool = false) throws {
        self.path = path
        try Self.createParentFolders(of: path)
        let opened: FileDescriptor
        do {
            opened = try FileDescriptor.open(
                path, .writeOnly,
                options: append ? [.create, .append] : [.create, .truncate],
                permissions: [.ownerReadWrite, .groupRead, .otherRead])
        } catch let error as Errno {
            throw OpenError(path: path, underlying: error)
        }
        descriptor = opened
        wholeSize = append ? (try? opened.seek(offset: 0, from: .end)) ?? 0 : 0
        // The file's entry in its folder must survive a power loss as well as its lines.
        Self.syncFolder(of: path)
    }

    /// Lets another thread `fdatasync(2)` what this writer wrote; valid until ``close()``.
    public var syncHandle: SyncHandle {
        guard let descriptor else { preconditionFailure("RecordWriter for \(path) used after close()") }
        return SyncHandle(descriptor: descriptor.rawValue, state: syncState)
    }

    /// Makes every line written so far durable (`fdatasync(2)`), if any is not yet.
    ///
    /// - Throws: ``WriteError`` when the system cannot write them to the device.
    public func sync() throws {
        if let error = syncHandle.syncIfNeeded() { throw WriteError(path: path, underlying: error, truncated: true) }
    }

    /// Writes `record` as one line and returns once the kernel has it.
    public func write(_ record: TrialRecord) throws {
        try write(line: record.jsonLine())
    }

    /// Writes one already-encoded line (without its newline).
    public func write(line: String) throws {
        try write(bytes: Array((line + "\n").utf8))
    }

    /// Writes already-encoded lines, each ending in a newline, with one `write(2)`
    /// when the kernel takes them whole.
    ///
    /// - Throws: ``WriteError`` naming the file and the system's reason, after
    ///   cutting off whatever part of `bytes` reached the file.
    public func write(bytes: [UInt8]) throws {
        guard let descriptor else { preconditionFailure("RecordWriter for \(path) used after close()") }
        guard !bytes.isEmpty else { return }
        if let error = syncState.failure { throw WriteError(path: path, underlying: error, truncated: true) }
        do {
            try Self.writeAll(bytes, to: descriptor)
            wholeSize += Int64(bytes.count)
            syncState.wrote()
        } catch let error as Errno {
            // A short write before the error left part of a line: cut it off.
            // Shrinking a file needs no space, so this works on a full disk too.
            let cut = ftruncate(descriptor.rawValue, off_t(wholeSize)) == 0
            throw WriteError(path: path, underlying: error, truncated: cut)
        }
    }

    /// `write(2)` until the kernel has all of `bytes`, through swift-system's
    /// non-generic call. Its generic `writeAll` is not specialised across the
    /// module boundary: it looked up `[UInt8]`'s metadata and went through
    /// `withContiguousStorageIfAvailable` on every call, about a quarter of the
    /// time of a record's write in `perf record` of a `pool` run.
    private static func writeAll(_ bytes: [UInt8], to descriptor: FileDescriptor) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                offset += try descriptor.write(UnsafeRawBufferPointer(rebasing: buffer[offset...]))
            }
        }
    }

    /// Syncs and closes the file; calling it again does nothing.
    public func close() {
        guard descriptor != nil else { return }
        try? sync()
        try? descriptor?.close()
        descriptor = nil
    }

    /// `fsync(2)`s the folder `path` is in, so a file created there is found after a power loss.
    private static func syncFolder(of path: FilePath) {
        let folder = path.removingLastComponent()
        guard let handle = try? FileDescriptor.open(folder.isEmpty ? "." : folder, .readOnly) else { return }
        _ = fsync(handle.rawValue)
        try? handle.close()
    }

    deinit { close() }

    /// Creates the folders above `path` that do not exist yet, one `mkdir(2)` each.
    public static func createParentFolders(of path: FilePath) throws {
        var folder = path.root.map { FilePath(root: $0) } ?? FilePath()
        for component in path.removingLastComponent().components {
            folder.append(component)
            guard mkdir(folder.string, 0o777) != 0 else { continue }
            let error = Errno(rawValue: errno)
            var status = stat()
            if error == .fileExists, stat(folder.string, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { continue }
            throw OpenError(path: folder, underlying: error == .fileExists ? .notDirectory : error)
        }
    }

    /// A records file that could not be written to: the records before stay whole.
    public struct WriteError: Error, CustomStringConvertible {
        /// The file.
        public var path: FilePath
        /// The system's reason (`ENOSPC`, `EIO`, `EDQUOT`, ...).
        public var underlying: Errno
        /// Whether a partly written line was cut off (false: the file may end in one).
        public var truncated: Bool
        public var description: String {
            "cannot write records to \(path): \(OpenError.reason(underlying))"
                + (truncated ? "" : "; its last line may be incomplete")
        }
    }

    /// A records file (or a folder above it) that could not be opened or created.
    public struct OpenError: Error, CustomStringConvertible {
        /// The path that failed.
        public var path: FilePath
        /// The system's reason.
        public var underlying: Errno
        public var description: String { "cannot write records to \(path): \(Self.reason(underlying))" }

        /// The system's reason in lower case, as the rest of a sentence.
        static func reason(_ errno: Errno) -> String {
            let text = errno.description
            return text.prefix(1).lowercased() + text.dropFirst()
        }
    }
}
