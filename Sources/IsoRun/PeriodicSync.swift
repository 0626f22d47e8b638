import Processes
import TrialRecords

/// The records file's fsync policy: a thread of its own `fdatasync(2)`s the
/// file once per ``interval`` when records were written since, so a power loss
/// costs at most the records of the last interval (the trials in flight aside),
/// and the coordinator's loop never waits for the disk. The writer's `close()`
/// syncs what is left at the end of the run.
final class PeriodicSync {
    /// How often written records are made durable.
    static let interval = Duration.seconds(1)

    private let stopSignal: StopSignal
    private var thread: OSThread?

    /// Starts syncing `writer`'s file; ``stop()`` before the writer closes.
    init(_ writer: RecordWriter) {
        stopSignal = StopSignal()
        thread = Self.start(syncing: writer.syncHandle, until: stopSignal)
    }

    private static func start(syncing handle: SyncHandle, until stop: StopSignal) -> OSThread {
        let interval = Self.interval
        return OSThread {
            while !stop.wait(for: interval) { handle.syncIfNeeded() }
        }
    }

    /// Stops the thread and waits for it; calling it again does nothing.
    func stop() {
        guard let thread else { return }
        stopSignal.raise()
        thread.join()
        self.thread = nil
    }

    deinit { stop() }
}
