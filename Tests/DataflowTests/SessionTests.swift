import Testing
@testable import Dataflow

@Suite struct SessionTests {
    @Test func nothingFetchedRunsNothing() throws {
        let graph = Graph()
        let session = Session(graph: graph)
        #expect(try session.run(fetches: []).isEmpty)
        #expect(session.statistics.executorBuilds == 1)
        #expect(session.statistics.nodesCopied == 0)
    }

    @Test func runsTheDocumentedExample() throws {
        let graph = Graph()
        let x = graph.placeholder(shape: [-1, 2], name: "x")
        let w = graph.variable(shape: [2, 1], initializer: .constant(Tensor([[1], [2]])), name: "w")
        let y = graph.matMul(x, w)
        let session = Session(graph: graph)
        _ = try session.run(fetches: [], targets: [graph.initializer(for: w)])
        #expect(try session.run(fetches: [y], feeds: [x: Tensor([[3, 4]])]) == [Tensor([[11]])])
    }

    @Test func fetchesComeBackInOrderWithRepeats() throws {
        let graph = Graph()
        let a = graph.constant(Tensor(1))
        let b = graph.constant(Tensor(2))
        let values = try Session(graph: graph).run(fetches: [b, a, b])
        #expect(values == [Tensor(2), Tensor(1), Tensor(2)])
    }

    @Test func aMissingFeedNamesThePlaceholder() {
        let graph = Graph()
        let x = graph.placeholder(shape: [-1, 4], name: "x")
        let y = graph.square(x)
        #expect(throws: DataflowError.missingFeed(placeholder: "x", shape: [-1, 4])) {
            try Session(graph: graph).run(fetches: [y])
        }
    }

    @Test func aFeedOfTheWrongShapeNamesThePlaceholderAndShapes() {
        let graph = Graph()
        let x = graph.placeholder(shape: [-1, 4], name: "x")
        #expect(throws: DataflowError.feedShapeMismatch(placeholder: "x", expected: [-1, 4], actual: [1, 3])) {
            try Session(graph: graph).run(fetches: [x], feeds: [x: Tensor([[1, 2, 3]])])
        }
    }

    @Test func aKernelShapeErrorNamesTheNodeAndShapes() {
        let graph = Graph()
        let a = graph.constant(Tensor([[1, 2]]))
        let b = graph.constant(Tensor([[1, 2]]))
        let product = graph.matMul(a, b, name: "product")
        #expect(throws: DataflowError.shapeMismatch(node: "product", op: "MatMul", shapes: [[1, 2], [1, 2]])) {
            try Session(graph: graph).run(fetches: [product])
        }
    }

    @Test func readingAnUninitialisedVariableThrows() {
        let graph = Graph()
        let w = graph.variable(shape: [1], initializer: .zeros, name: "w")
        #expect(throws: DataflowError.uninitializedVariable("w")) { try Session(graph: graph).run(fetches: [w]) }
    }

    @Test func isVariableInitializedAndAssignOpsWork() throws {
        let graph = Graph()
        let w = graph.variable(shape: [2], initializer: .constant(Tensor(shape: [2], scalars: [1, 2])), name: "w")
        let check = graph.isVariableInitialized(w)
        let delta = graph.constant(Tensor(shape: [2], scalars: [10, 10]))
        let session = Session(graph: graph)
        #expect(try session.run(fetches: [check]) == [Tensor(0)])
        _ = try session.run(fetches: [], targets: [graph.initializer(for: w)])
        #expect(try session.run(fetches: [check]) == [Tensor(1)])
        _ = try session.run(fetches: [], targets: [graph.assignAdd(w, delta)])
        #expect(try session.run(fetches: [w]) == [Tensor(shape: [2], scalars: [11, 12])])
        _ = try session.run(fetches: [], targets: [graph.assignSub(w, delta)])
        #expect(try session.run(fetches: [w]) == [Tensor(shape: [2], scalars: [1, 2])])
    }

    @Test func assigningTheWrongShapeThrows() throws {
        let graph = Graph()
        let w = graph.variable(shape: [2], initializer: .zeros, name: "w")
        let bad = graph.assign(w, graph.constant(Tensor([[1, 2]])), name: "bad")
        #expect(throws: DataflowError.shapeMismatch(node: "bad", op: "Assign", shapes: [[2], [1, 2]])) {
            try Session(graph: graph).run(fetches: [], targets: [bad])
        }
    }

    @Test func aRunReadsVariablesAsTheyWereBeforeItsAssignments() throws {
        let graph = Graph()
        let w = graph.variable(shape: [], initializer: .constant(Tensor(1)), name: "w")
        let increment = graph.assignAdd(w, graph.constant(Tensor(1)))
        let session = Session(graph: graph)
        _ = try session.run(fetches: [], targets: [graph.initializer(for: w)])
        #expect(try session.run(fetches: [w], targets: [increment]) == [Tensor(1)])
        #expect(try session.run(fetches: [w]) == [Tensor(2)])
    }

    @Test func variableValuesBelongToTheSession() throws {
        let graph = Graph()
        let w = graph.variable(shape: [], initializer: .constant(Tensor(5)), name: "w")
        let first = Session(graph: graph)
        _ = try first.run(fetches: [], targets: [graph.initializer(for: w)])
        #expect(try first.run(fetches: [w]) == [Tensor(5)])
        #expect(throws: DataflowError.uninitializedVariable("w")) { try Session(graph: graph).run(fetches: [w]) }
    }

    @Test func theFirstRunImportsTheWholeGraphAndBuildsFromACopyOfIt() throws {
        let graph = Graph()
        let a = graph.constant(Tensor(1))
        _ = graph.constant(Tensor(2))
        _ = graph.constant(Tensor(3))
        let session = Session(graph: graph)
        _ = try session.run(fetches: [a])
        let statistics = session.statistics
        #expect(statistics.importedNodes == 3)
        #expect(statistics.executorBuilds == 1)
        #expect(statistics.cachedExecutors == 1)
        #expect(statistics.nodesCopied == 3 + 3, "an import of 3 nodes, then a copy of all 3 for the executor")
    }

    @Test func aRepeatedSignatureCopiesNothingAndANewOneBuildsAnExecutor() throws {
        let graph = Graph()
        let x = graph.placeholder(shape: [-1], name: "x")
        let y = graph.square(x)
        let z = graph.neg(y)
        let session = Session(graph: graph)
        _ = try session.run(fetches: [y], feeds: [x: Tensor(shape: [1], scalars: [2])])
        let afterFirst = session.statistics
        _ = try session.run(fetches: [y], feeds: [x: Tensor(shape: [2], scalars: [3, 4])])
        #expect(session.statistics == afterFirst)
        _ = try session.run(fetches: [z], feeds: [x: Tensor(shape: [1], scalars: [2])])
        #expect(session.statistics.executorBuilds == afterFirst.executorBuilds + 1)
        #expect(session.statistics.nodesCopied == afterFirst.nodesCopied + graph.nodeCount)
        #expect(session.statistics.cachedExecutors == 2)
    }

    @Test func aGrownGraphImportsOnlyTheNewNodes() throws {
        let graph = Graph()
        let a = graph.constant(Tensor(1))
        let session = Session(graph: graph)
        _ = try session.run(fetches: [a])
        let before = session.statistics
        _ = graph.constant(Tensor(2))
        _ = graph.constant(Tensor(3))
        _ = try session.run(fetches: [a])
        #expect(session.statistics.importedNodes == 3)
        #expect(session.statistics.nodesCopied == before.nodesCopied + 2)
        #expect(session.statistics.executorBuilds == before.executorBuilds)
    }

    @Test func feedingANodeCutsOffWhatItDependsOn() throws {
        let graph = Graph()
        let x = graph.placeholder(shape: [], name: "x")
        let y = graph.square(x)
        let z = graph.neg(y)
        #expect(try Session(graph: graph).run(fetches: [z], feeds: [y: Tensor(4)]) == [Tensor(-4)])
    }

    @Test func asDefaultSetsTheCurrentSession() {
        let graph = Graph()
        let outer = Session(graph: graph)
        let inner = Session(graph: graph)
        #expect(Session.current == nil)
        outer.asDefault {
            #expect(Session.current === outer)
            inner.asDefault { #expect(Session.current === inner) }
            #expect(Session.current === outer)
        }
        #expect(Session.current == nil)
    }
}
