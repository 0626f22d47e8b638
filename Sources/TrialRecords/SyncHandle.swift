import SystemPackage
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// What a ``RecordWriter`` and the threads that sync it share: whether lines
/// were written since the last `fdatasync(2)`, and the error of a sync that failed.
final class SyncState: Sendable {
    private let unsynced = Atomic<Bool>(false)
    private let failed = Mutex<Errno?>(nil)

    /// A line was written.
    func wrote() { unsynced.store(true, ordering: .releasing) }

    /// Whether a line was written since the last call; clears the mark.
    func takeUnsynced() -> Bool { unsynced.exchange(false, ordering: .acquiringAndReleasing) }

    /// The first sync error, kept until the writer reports it.
    var failure: Errno? { failed.withLock { $0 } }

    func fail(_ error: Errno) { failed.withLock { $0 = $0 ?? error } }
}

/// Syncs a ``RecordWriter``'s file from any thread (a periodic syncer), so
/// the thread that writes records never waits for the disk.
public struct SyncHandle: Sendable {
    let descriptor: Int32
    let state: SyncState

    /// `fdatasync(2)`s the file when lines were written since the last sync.
    ///
    /// - Returns: the system's error when the lines could not reach the device
    ///   (`EIO`, `ENOSPC`); the writer's next write throws it too.
    @discardableResult
    public func syncIfNeeded() -> Errno? {
        guard state.takeUnsynced() else { return state.failure }
        while fdatasync(descriptor) != 0 {
            let error = Errno(rawValue: errno)
            if error == .interrupted { continue }
            state.fail(error)
            return error
        }
        return nil
    }
}
