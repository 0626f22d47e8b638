import Dataflow

import Synchronization

/// The process-wide Keras session (Keras `backend._SESSION`): created on demand for the
/// current default graph, dropped by ``Backend/clearSession()``. Guarded by this mutex.
private let kerasSession = Mutex<Session?>(nil)

/// The Keras backend's global state on TF1: its session and its variable initialisation.
public enum Backend {
    /// The session Keras models run in (Keras `backend.get_session()`).
    ///
    /// The calling thread's default session (``Session/current``) if there is one; otherwise the
    /// process-wide Keras session, created for the current default graph on first use and
    /// recreated when the default graph has changed. Before returning it, performs Keras'
    /// `_initialize_variables`: it scans *all* variables of the session's graph for those not yet
    /// marked Keras-initialised, adds an `IsVariableInitialized` node for each to the graph and
    /// runs them (a new run signature, so a new executor copying the whole graph), then runs the
    /// initializers of the uninitialised ones through a new `init` group node, and marks every
    /// candidate. This is one real source of the growth of an un-cleared process.
    public static var session: Session {
        let session: Session
        if let current = Session.current {
            session = current
        } else {
            let graph = Graph.current
            session = kerasSession.withLock { stored in
                if let existing = stored, existing.graph === graph { return existing }
                let created = Session(graph: graph)
                stored = created
                return created
            }
        }
        initializeVariables(in: session)
        return session
    }

    /// Drops the Keras session and replaces the process-wide default graph with an empty one,
    /// so layer name counters start over (Keras `backend.clear_session()`).
    ///
    /// Must not be called inside a `Graph.asDefault` scope.
    public static func clearSession() {
        Graph.resetDefault()
        kerasSession.withLock { $0 = nil }
    }

    /// Keras `_initialize_variables(session)`.
    private static func initializeVariables(in session: Session) {
        let graph = session.graph
        let candidates = graph.kerasCandidateVariables()
        guard !candidates.isEmpty else { return }
        let checks = candidates.map { graph.isVariableInitialized($0, name: "\(graph.node($0).name)/IsVariableInitialized") }
        do {
            let flags = try session.run(fetches: checks)
            let uninitialized = zip(candidates, flags).filter { $0.1.scalars[0] == 0 }.map(\.0)
            graph.markKerasInitialized(candidates)
            guard !uninitialized.isEmpty else { return }
            let initializer = graph.group(uninitialized.map { graph.initializer(for: $0) }, name: "init")
            _ = try session.run(fetches: [], targets: [initializer])
        } catch {
            preconditionFailure("Keras variable initialisation failed in graph \(graph.serial): \(error)")
        }
    }
}
