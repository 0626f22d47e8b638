import Synchronization
import TrialRecords

/// What the collector thread counted and whether it failed, read by the thread
/// that started it once it has been joined.
final class CollectorOutcome: Sendable {
    private struct State {
        var records = 0
        var notOK = 0
        var error: (any Error)?
    }

    private let state = Mutex(State())

    func count(_ record: TrialRecord) {
        state.withLock { state in
            state.records += 1
            if record.outcome != .ok { state.notOK += 1 }
        }
    }

    /// Records that the run gave up before it could tell the collector to stop.
    func abandon() {
        fail(Abandoned())
    }

    private struct Abandoned: Error {}

    /// Whether the run gave up on the collector (see ``abandon()``).
    var isAbandoned: Bool { state.withLock { $0.error is Abandoned } }

    func fail(_ error: any Error) {
        state.withLock { $0.error = error }
    }

    var records: Int { state.withLock { $0.records } }
    var notOK: Int { state.withLock { $0.notOK } }

    func rethrow() throws {
        if let error = state.withLock({ $0.error }) { throw error }
    }
}
