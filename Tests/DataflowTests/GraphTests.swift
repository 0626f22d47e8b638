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

    @Test func asDefaultReturnsAndRethrows() throws {
        struct Failure: Error {}
        let graph = Graph()
        #expect(graph.asDefault { 42 } == 42)
        #expect(throws: Failure.self) { try graph.asDefault { throw Failure() } }
    }
}
