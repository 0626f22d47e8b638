import Foundation
import Synchronization
import Testing
@testable import Dataflow

@Suite struct GraphTests {
    @Test func aNewGraphIsEmpty() {
        let graph = Graph()
        #expect(graph.nodeCount == 0)
        #expect(graph.variableCount == 0)
        #expect(graph.variables.isEmpty)
    }

    @Test func uniqueNamesCountPerPrefixAndPerGraph() {
        let graph = Graph()
        #expect(graph.uniqueName("dense") == "dense_1")
        #expect(graph.uniqueName("dense") == "dense_2")
        #expect(graph.uniqueName("sequential") == "sequential_1")
        #expect(graph.uniqueName("dense") == "dense_3")
        #expect(Graph().uniqueName("dense") == "dense_1")
    }

    @Test func nodeNamesAreMadeUnique() {
        let graph = Graph()
        let first = graph.placeholder(shape: [1], name: "x")
        let second = graph.placeholder(shape: [1], name: "x")
        let third = graph.placeholder(shape: [1], name: "x")
        #expect(graph.node(first).name == "x")
        #expect(graph.node(second).name == "x_1")
        #expect(graph.node(third).name == "x_2")
        #expect(graph.output(named: "x_1") == second)
        #expect(graph.output(named: "y") == nil)
    }

    @Test func scopesAreMadeUniqueLikeNodeNames() {
        let graph = Graph()
        #expect(graph.uniqueScope("training") == "training")
        #expect(graph.uniqueScope("training") == "training_1")
    }

    @Test func aVariableAddsItsInitializerNodes() {
        let graph = Graph()
        let variable = graph.variable(shape: [2, 3], initializer: .zeros, name: "w")
        #expect(graph.variableCount == 1)
        #expect(graph.variables == [variable])
        #expect(graph.nodeCount == 3)
        #expect(graph.node(graph.initializer(for: variable)).name == "w/Assign")
        #expect(graph.node(graph.initializer(for: variable)).inputs.first == variable.id)
        #expect(graph.shape(ofVariable: variable) == [2, 3])
    }

    @Test func inputsAlwaysPrecedeTheirNode() {
        let graph = Graph()
        let x = graph.placeholder(shape: [2])
        let y = graph.square(graph.neg(x))
        #expect(graph.node(y).inputs.allSatisfy { $0 < y.id })
    }

    @Test func asDefaultPushesAndPopsTheCurrentGraph() {
        let base = Graph()
        let outer = Graph()
        let inner = Graph()
        base.asDefault {
            outer.asDefault {
                #expect(Graph.current === outer)
                inner.asDefault { #expect(Graph.current === inner) }
                #expect(Graph.current === outer)
            }
            #expect(Graph.current === base)
        }
    }

    /// TF1's default-graph stack is thread-local: a thread sees the graph it
    /// pushed, and another thread, meanwhile, the one it pushed or none.
    @Test func aGraphMadeDefaultOnOneThreadIsNotAnothersDefault() {
        let graph = Graph()
        let inner = Graph()
        let seen = Mutex<(inScope: Bool, outsideScope: Bool)>((false, true))
        graph.asDefault {
            let finished = DispatchSemaphore(value: 0)
            Thread {
                inner.asDefault { seen.withLock { $0.inScope = Graph.current === inner } }
                seen.withLock { $0.outsideScope = Graph.current === graph || Graph.current === inner }
                finished.signal()
            }.start()
            finished.wait()
            #expect(Graph.current === graph)
        }
        #expect(seen.withLock { $0.inScope }, "the other thread's own scope")
        #expect(!seen.withLock { $0.outsideScope }, "another thread's scope leaked")
    }

    @Test func aScopeLeftByAnErrorRestoresTheOuterDefault() {
        struct Failure: Error {}
        let outer = Graph()
        let inner = Graph()
        outer.asDefault {
            #expect(throws: Failure.self) { try inner.asDefault { throw Failure() } }
            #expect(Graph.current === outer)
        }
    }

    @Test func asDefaultReturnsAndRethrows() throws {
        struct Failure: Error {}
        let graph = Graph()
        #expect(graph.asDefault { 42 } == 42)
        #expect(throws: Failure.self) { try graph.asDefault { throw Failure() } }
    }
}
