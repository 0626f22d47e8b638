import Dispatch
import Logging
import Processes
import Synchronization
import SystemPackage
import TrialRecords
import Wire
import ZeroMQ

/// A ``Collector`` on a thread of its own, writing to a file of its own, until
/// the runs it waits for have ended: the collector `isorun run` keeps for itself,
/// and the one the collector benchmark measures.
public final class CollectorThread: Sendable {
    /// What the collector wrote.
    public typealias Counts = Collector.Written

    private struct State {
        var counts = Counts()
        var error: (any Error)?
        var abandoned = false
    }

    /// What this object and its thread share.
    private final class Shared: Sendable {
        let state = Mutex(State())
        let bound = DispatchSemaphore(value: 0)
    }

    private let shared = Shared()
    private let thread: OSThread

    /// Opens `output`, binds `endpoint` and starts collecting; returns once the
    /// socket is bound, so what is sent from then on cannot wait on a reconnect.
    ///
    /// - Parameters:
    ///   - endpoint: where the collector's ROUTER socket binds.
    ///   - output: the JSONL records file, created with its folders.
    ///   - append: add to `output` instead of truncating it.
    ///   - runs: how many runs' `end` message to wait for.
    ///   - context: the ZeroMQ context (`inproc://` endpoints need the senders' one).
    ///   - onWritten: called on the collector's thread with what each batch
    ///     wrote once it is on disk.
    /// - Throws: the file's or the socket's error.
    public init(
        bind endpoint: String, output: FilePath, append: Bool = false, runs: Int = 1, context: Context,
        logger: Logger, onWritten: @escaping @Sendable (Counts) -> Void = { _ in }
    ) throws {
        let shared = self.shared
        thread = OSThread {
            do {
                let writer = try RecordWriter(path: output, append: append)
                defer { writer.close() }
                let collector = try Collector(bind: endpoint, writer: writer, logger: logger, context: context) { batch in
                    shared.state.withLock { state in
                        state.counts.records += batch.records
                        state.counts.notOK += batch.notOK
                    }
                    onWritten(batch)
                }
                shared.bound.signal()
                try collector.run(untilRuns: runs, until: { shared.state.withLock { $0.abandoned } })
            } catch {
                shared.state.withLock { $0.error = error }
                shared.bound.signal()
            }
        }
        shared.bound.wait()
        if let error = shared.state.withLock({ $0.error }) {
            thread.join()
            throw error
        }
    }

    /// Throws what stopped the collector early, if anything has: a sender
    /// checks before each send, which would otherwise wait for ever.
    public func checkRunning() throws {
        if let error = shared.state.withLock({ $0.error }) { throw error }
    }

    /// Tells the collector to stop without waiting for its runs to end.
    public func abandon() {
        shared.state.withLock { $0.abandoned = true }
    }

    /// Waits for the collector to finish and returns what it wrote.
    ///
    /// - Throws: what stopped it (a full disk, say).
    public func join() throws -> Counts {
        thread.join()
        try checkRunning()
        return shared.state.withLock { $0.counts }
    }
}
