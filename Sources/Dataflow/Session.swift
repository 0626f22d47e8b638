import Synchronization

/// Runs parts of a ``Graph`` and holds the values of its variables.
///
/// Models TF1 `tf.Session` (`DirectSession`), including the two behaviours that make an
/// un-cleared process slow down as its graph grows:
///
/// - **Import (`Session.extend`).** A session keeps its own copy of the graph. Before a run,
///   every node added to the graph since the last import is copied in; a new session over an
///   existing graph therefore copies the whole graph on its first run, as TF1 sends the full
///   `GraphDef` to a new session.
/// - **One executor per signature.** The first run of a new (feeds, fetches, targets)
///   signature builds an ``Executor``: it copies the session's whole graph, prunes the copy
///   to what the fetches and targets need and orders it, as TF1's
///   `GraphExecutionState::BuildGraph` copies the full graph before `RewriteGraphForExecution`
///   prunes it. The executor is cached, so the same signature runs again without copying,
///   but each cached executor keeps its pruned copy: memory grows with every signature.
///
/// A session may be used from several threads; runs are serialised by its mutex.
public final class Session: Sendable {
    /// Counters describing the work a session has done.
    public struct Statistics: Sendable, Equatable {
        /// Executors built, one per new run signature.
        public var executorBuilds = 0
        /// Nodes copied so far, by imports and by executor builds.
        public var nodesCopied = 0
        /// Executors currently cached.
        public var cachedExecutors = 0
        /// Nodes of the graph imported into the session.
        public var importedNodes = 0
    }

    /// What identifies an executor: fed and targeted node ids (sorted) and fetched ids (in order).
    struct Signature: Hashable, Sendable {
        var feeds: [Int]
        var fetches: [Int]
        var targets: [Int]
    }

    private struct State: Sendable {
        var importedNodes: [Node] = []
        /// Variable values indexed by node id; `nil` while uninitialised.
        var variables: [Tensor?] = []
        var executors: [Signature: Executor] = [:]
        var statistics = Statistics()
    }

    /// The graph this session runs.
    public let graph: Graph
    private let state = Mutex(State())

    /// Creates a session for `graph` with no variable values and no executors.
    public init(graph: Graph) {
        self.graph = graph
    }

    /// A snapshot of the session's counters.
    public var statistics: Statistics { state.withLock { $0.statistics } }

    /// Runs the graph to compute `fetches`, with `feeds` substituted and `targets` run for effect.
    ///
    /// ```swift
    /// let graph = Graph()
    /// let x = graph.placeholder(shape: [-1, 2], name: "x")
    /// let w = graph.variable(shape: [2, 1], initializer: .constant(Tensor([[1], [2]])), name: "w")
    /// let y = graph.matMul(x, w)
    /// let session = Session(graph: graph)
    /// _ = try session.run(fetches: [], targets: [graph.initializer(for: w)])
    /// let result = try session.run(fetches: [y], feeds: [x: Tensor([[3, 4]])])
    /// // result[0] == Tensor([[11]])
    /// ```
    ///
    /// All nodes read the variables' values as they were when the run started (each variable
    /// node is read once, before anything that assigns to it).
    /// - Parameters:
    ///   - fetches: The outputs whose values to return, in order.
    ///   - feeds: Values to use for nodes (usually placeholders) instead of computing them.
    ///   - targets: Nodes to run for their effect (assignments, groups); nothing is returned for them.
    /// - Returns: One tensor per fetch.
    /// - Throws: ``DataflowError/missingFeed(placeholder:shape:)`` for a needed placeholder
    ///   without a feed, ``DataflowError/feedShapeMismatch(placeholder:expected:actual:)``,
    ///   ``DataflowError/shapeMismatch(node:op:shapes:)`` from a kernel, and
    ///   ``DataflowError/uninitializedVariable(_:)``.
    public func run(fetches: [Output], feeds: [Output: Tensor] = [:], targets: [Output] = []) throws -> [Tensor] {
        for fetch in fetches { graph.checkOwnership(fetch, role: "fetch") }
        for target in targets { graph.checkOwnership(target, role: "target") }
        for fed in feeds.keys { graph.checkOwnership(fed, role: "feed") }
        let sortedFeeds = feeds.sorted { $0.key.id < $1.key.id }
        let signature = Signature(feeds: sortedFeeds.map(\.key.id),
                                  fetches: fetches.map(\.id),
                                  targets: Set(targets.map(\.id)).sorted())
        let feedValues = sortedFeeds.map(\.value)
        return try state.withLock { state in
            importNewNodes(into: &state)
            try Self.validate(feeds: sortedFeeds, against: state.importedNodes)
            let executor: Executor
            if let cached = state.executors[signature] {
                executor = cached
            } else {
                executor = Executor(copying: state.importedNodes, signature: signature)
                state.executors[signature] = executor
                state.statistics.executorBuilds += 1
                state.statistics.nodesCopied += state.importedNodes.count
                state.statistics.cachedExecutors = state.executors.count
            }
            return try executor.run(feeds: feedValues, variables: &state.variables)
        }
    }

    /// TF1 `Session.extend`: copies the nodes added to the graph since the last import.
    private func importNewNodes(into state: inout State) {
        let copied = graph.copyNodes(from: state.importedNodes.count, to: &state.importedNodes)
        guard copied > 0 else { return }
        state.variables.append(contentsOf: repeatElement(nil, count: copied))
        state.statistics.nodesCopied += copied
        state.statistics.importedNodes = state.importedNodes.count
    }

    private static func validate(feeds: [(key: Output, value: Tensor)], against nodes: [Node]) throws {
        for (output, value) in feeds {
            let node = nodes[output.id]
            guard case .placeholder(let shape) = node.op else { continue }
            let matches = shape.count == value.shape.count
                && zip(shape, value.shape).allSatisfy { $0 == -1 || $0 == $1 }
            if !matches {
                throw DataflowError.feedShapeMismatch(placeholder: node.name, expected: shape, actual: value.shape)
            }
        }
    }
}
