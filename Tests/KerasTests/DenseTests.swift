import Testing
@testable import Dataflow
@testable import Keras

@Suite struct DenseTests {
    @Test func aLayerWithoutInputShapeHasNoVariablesUntilAdded() {
        inFreshGraphAndSession { graph, _ in
            let layer = Dense(units: 3)
            #expect(layer.name == "dense_1")
            #expect(layer.kernel == nil)
            #expect(graph.variableCount == 0)
        }
    }

    @Test func aLayerWithInputShapeBuildsItsVariablesAtOnce() throws {
        try inFreshGraphAndSession { graph, _ throws in
            let layer = Dense(units: 8, inputShape: [4])
            let kernel = try #require(layer.kernel)
            let bias = try #require(layer.bias)
            #expect(graph.node(kernel).name == "dense_1/kernel")
            #expect(graph.node(bias).name == "dense_1/bias")
            #expect(graph.shape(ofVariable: kernel) == [4, 8])
            #expect(graph.shape(ofVariable: bias) == [8])
            #expect(graph.variableCount == 2)
        }
    }

    @Test func namesContinueAcrossLayersOfAGraph() {
        inFreshGraphAndSession { _, _ in
            #expect(Dense(units: 1).name == "dense_1")
            #expect(Dense(units: 1).name == "dense_2")
            #expect(Dense(units: 1).name == "dense_3")
        }
    }

    @Test(arguments: [(Activation.linear, "dense_1/BiasAdd"), (.relu, "dense_1/Relu"),
                      (.sigmoid, "dense_1/Sigmoid"), (.tanh, "dense_1/Tanh")])
    func theActivationIsTheLastNode(activation: Activation, name: String) throws {
        try inFreshGraphAndSession { graph, _ throws in
            let model = Sequential([Dense(units: 2, activation: activation, inputShape: [3])])
            #expect(graph.node(try #require(model.output)).name == name)
        }
    }
}
