import Synchronization

/// The process-wide root default graph: TF1's `ops._default_graph_stack`'s global default,
/// which every thread sees when it has not pushed a graph of its own. Replaced only by
/// ``Graph/resetDefault()`` (and so by `Backend.clearSession()`); guarded by this mutex.
let processDefaultGraph = Mutex<Graph>(Graph())

extension Graph {
    /// The calling thread's default-graph stack, thread-local as TF1's is: nested
    /// `asDefault` scopes push and pop it; its value is the top, if a graph was pushed.
    static let pushed = ThreadScoped<Graph>()

    /// The graph new nodes go into: the innermost ``asDefault(_:)`` graph of the calling
    /// thread, else the process-wide root default graph (TF1 `tf.get_default_graph()`).
    public static var current: Graph {
        pushed.value ?? processDefaultGraph.withLock { $0 }
    }

    /// Makes this graph the default for the calling thread while `body` runs.
    ///
    /// Models TF1 `with graph.as_default():`. Scopes nest.
    /// - Parameter body: The code to run with this graph as ``current``.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    public func asDefault<Result>(_ body: () throws -> Result) rethrows -> Result {
        try Graph.pushed.withValue(self, body)
    }

    /// Replaces the process-wide root default graph with a new, empty one, whose name
    /// counters start over (TF1 `tf.reset_default_graph()`).
    ///
    /// Like TF1, which raises when a graph is pushed, this must not be called inside an
    /// ``asDefault(_:)`` scope.
    public static func resetDefault() {
        precondition(pushed.value == nil,
                     "Graph.resetDefault() called inside an asDefault scope (graph \(pushed.value?.serial ?? 0)); leave the scope first")
        let fresh = Graph()
        processDefaultGraph.withLock { $0 = fresh }
    }
}
