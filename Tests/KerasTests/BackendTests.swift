import Testing
@testable import Dataflow
@testable import Keras

/// These tests use the process-wide default graph and Keras session, so they run one at a time
/// and start from `Backend.clearSession()`. Every other suite uses graphs and sessions of its own.
@Suite(.serialized) struct BackendTests {
    /// The nodes copied (by imports and executor builds) during each of `count` seed trials.
    private func copiesPerTrial(_ count: Int, _ trial: () throws -> Int) rethrows -> [Int] {
        try (0..<count).map { _ in try trial() }
    }

    private func isStrictlyIncreasing(_ values: [Int]) -> Bool {
        zip(values, values.dropFirst()).allSatisfy { $0 < $1 }
    }

    @Test func resetDefaultReplacesTheRootGraph() {
        Graph.resetDefault()
        let root = Graph.current
        _ = root.placeholder(shape: [1])
        #expect(Graph.current === root, "the root is process-wide and stays until reset")
        Graph.resetDefault()
        #expect(Graph.current !== root)
        #expect(Graph.current.nodeCount == 0)
    }

    @Test func theKerasSessionIsSharedUntilCleared() {
        Backend.clearSession()
        let first = Backend.session
        #expect(Backend.session === first)
        #expect(first.graph === Graph.current)
        Backend.clearSession()
        #expect(Backend.session !== first)
    }

    @Test func aDefaultSessionTakesPrecedence() {
        Backend.clearSession()
        let session = Session(graph: Graph.current)
        session.asDefault { #expect(Backend.session === session) }
        #expect(Backend.session !== session)
    }

    @Test func theKerasSessionFollowsTheDefaultGraph() {
        Backend.clearSession()
        let root = Backend.session
        let graph = Graph()
        graph.asDefault { #expect(Backend.session.graph === graph) }
        #expect(Backend.session !== root, "recreated for the root graph after the other one")
    }

    @Test func theVariableScanInitialisesNewVariablesOnce() throws {
        Backend.clearSession()
        let layer = Dense(units: 2, inputShape: [3])
        let session = Backend.session
        let kernel = try #require(layer.kernel)
        #expect(try session.run(fetches: [kernel])[0].shape == [3, 2])
        #expect(Graph.current.output(named: "dense_1/kernel/IsVariableInitialized") != nil)
        #expect(Graph.current.output(named: "init") != nil)
        let nodes = Graph.current.nodeCount
        let builds = session.statistics.executorBuilds
        _ = Backend.session
        #expect(Graph.current.nodeCount == nodes, "marked variables are not checked again")
        #expect(session.statistics.executorBuilds == builds)
    }

    @Test func layerNamesContinueUntilClearSession() {
        Backend.clearSession()
        #expect(Dense(units: 1).name == "dense_1")
        #expect(Dense(units: 1).name == "dense_2")
        Graph().asDefault { #expect(Dense(units: 1).name == "dense_1", "another graph counts separately") }
        #expect(Dense(units: 1).name == "dense_3")
        Backend.clearSession()
        #expect(Dense(units: 1).name == "dense_1")
    }

    @Test func withoutClearingEachModelCopiesMoreAndTheGraphGrows() throws {
        Backend.clearSession()
        var nodeCounts: [Int] = []
        let copies = try copiesPerTrial(20) {
            let before = Backend.session.statistics.nodesCopied
            try seedTrial()
            nodeCounts.append(Graph.current.nodeCount)
            return Backend.session.statistics.nodesCopied - before
        }
        #expect(isStrictlyIncreasing(copies), "\(copies)")
        #expect(copies[19] > 5 * copies[1], "\(copies)")
        #expect(isStrictlyIncreasing(nodeCounts), "\(nodeCounts)")
        #expect(Graph.current.variableCount == 20 * 14)
        #expect(Backend.session.statistics.cachedExecutors == 20 * 4)
    }

    @Test func clearingAfterEachModelKeepsTheCostFlat() throws {
        var nodeCounts: [Int] = []
        let copies = try copiesPerTrial(20) {
            Backend.clearSession()
            let before = Backend.session.statistics.nodesCopied
            try seedTrial()
            nodeCounts.append(Graph.current.nodeCount)
            return Backend.session.statistics.nodesCopied - before
        }
        #expect(Set(copies).count == 1, "\(copies)")
        #expect(Set(nodeCounts).count == 1, "\(nodeCounts)")
        #expect(Graph.current.variableCount == 14)
    }

    @Test func aNewSessionPerModelOverTheSharedGraphStillGrows() throws {
        Backend.clearSession()
        var nodeCounts: [Int] = []
        let copies = try copiesPerTrial(20) {
            let session = Session(graph: Graph.current)
            try session.asDefault { try seedTrial() }
            nodeCounts.append(Graph.current.nodeCount)
            return session.statistics.nodesCopied
        }
        #expect(isStrictlyIncreasing(copies), "\(copies)")
        #expect(copies[19] > 5 * copies[1], "\(copies)")
        #expect(isStrictlyIncreasing(nodeCounts), "\(nodeCounts)")
    }

    @Test func aNewGraphAndSessionPerModelKeepsTheCostFlat() throws {
        Backend.clearSession()
        let root = Graph.current
        let copies = try copiesPerTrial(20) {
            let graph = Graph()
            let session = Session(graph: graph)
            try graph.asDefault { try session.asDefault { try seedTrial() } }
            return session.statistics.nodesCopied
        }
        #expect(Set(copies).count == 1, "\(copies)")
        #expect(root.nodeCount == 0, "nothing went into the root graph")
    }
}
