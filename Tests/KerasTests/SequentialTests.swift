import Testing
@testable import Dataflow
@testable import Keras

@Suite struct SequentialTests {
    @Test func anEmptyModelHasNoInput() {
        inFreshGraphAndSession { _, _ in
            let model = Sequential()
            #expect(model.name == "sequential_1")
            #expect(model.input == nil)
            #expect(model.layers.isEmpty)
        }
    }

    @Test func layersAreChainedFromAnInputPlaceholder() throws {
        try inFreshGraphAndSession { graph, _ throws in
            let model = Sequential([Dense(units: 8, inputShape: [4])])
            model.add(Dense(units: 1))
            #expect(model.layers.map(\.name) == ["dense_1", "dense_2"])
            #expect(graph.node(try #require(model.input)).name == "dense_1_input")
            #expect(graph.node(try #require(model.input)).op == .placeholder(shape: [-1, 4]))
            #expect(try model.predict(Tensor([[1, 2, 3, 4], [0, 0, 0, 0]])).shape == [2, 1])
        }
    }

    @Test func compileAddsLossNodesAndTheFirstFitAddsTheTrainFunction() throws {
        try inFreshGraphAndSession { graph, _ throws in
            let model = Sequential([Dense(units: 1, inputShape: [2])])
            let beforeCompile = graph.nodeCount
            model.compile(loss: .meanSquaredError, optimizer: .adam())
            #expect(graph.output(named: "dense_1_target") != nil)
            #expect(graph.output(named: "loss/dense_1_loss/Mean_1") != nil)
            let afterCompile = graph.nodeCount
            #expect(afterCompile > beforeCompile)
            #expect(graph.output(named: "training/Adam/group_deps") == nil)
            _ = try model.fit(x: Tensor([[1, 1]]), y: Tensor([[1]]), epochs: 1, batchSize: 1)
            #expect(graph.output(named: "training/Adam/group_deps") != nil)
            let afterFit = graph.nodeCount
            _ = try model.fit(x: Tensor([[1, 1]]), y: Tensor([[1]]), epochs: 1, batchSize: 1)
            #expect(graph.nodeCount == afterFit, "the train function is built once")
        }
    }

    @Test func aDenseModelFitsALine() throws {
        try inFreshGraphAndSession { _, _ throws in
            let model = Sequential([Dense(units: 1, inputShape: [1])])
            model.compile(loss: .meanSquaredError, optimizer: .sgd(learningRate: 0.1))
            let xs: [Float] = [-1, -0.5, 0, 0.5, 1, 1.5]
            let x = Tensor(xs.map { [$0] })
            let y = Tensor(xs.map { [2 * $0 + 1] })
            let history = try model.fit(x: x, y: y, epochs: 400, batchSize: 3)
            #expect(history.loss.count == 400)
            #expect(history.loss[0] > history.loss[399])
            #expect(try model.testOnBatch(x: x, y: y) < 1e-3)
            let prediction = try model.predict(Tensor([[2]]))
            #expect(abs(prediction.scalars[0] - 5) < 0.1)
        }
    }

    @Test func zeroEpochsTrainNothing() throws {
        try inFreshGraphAndSession { _, _ throws in
            let model = Sequential([Dense(units: 1, inputShape: [1])])
            model.compile(loss: .meanSquaredError, optimizer: .sgd())
            #expect(try model.fit(x: Tensor([[1]]), y: Tensor([[1]]), epochs: 0) == History(loss: []))
        }
    }

    @Test func mismatchedSamplesThrow() throws {
        try inFreshGraphAndSession { _, _ throws in
            let model = Sequential([Dense(units: 1, inputShape: [2])])
            model.compile(loss: .meanSquaredError, optimizer: .adam())
            #expect(throws: DataflowError.invalidTrainingData(x: [2, 2], y: [1, 1])) {
                try model.fit(x: Tensor([[1, 1], [2, 2]]), y: Tensor([[1]]))
            }
            #expect(throws: DataflowError.invalidTrainingData(x: [0, 0], y: [0, 0])) {
                try model.testOnBatch(x: Tensor([]), y: Tensor([]))
            }
        }
    }

    @Test func theWrongNumberOfFeaturesNamesTheInput() throws {
        try inFreshGraphAndSession { _, _ throws in
            let model = Sequential([Dense(units: 1, inputShape: [4])])
            model.compile(loss: .meanSquaredError, optimizer: .adam())
            #expect(throws: DataflowError.feedShapeMismatch(placeholder: "dense_1_input", expected: [-1, 4], actual: [1, 3])) {
                try model.testOnBatch(x: Tensor([[1, 1, 1]]), y: Tensor([[1]]))
            }
        }
    }

    @Test func aSeedTrialRunsInItsOwnGraph() throws {
        try inFreshGraphAndSession { graph, session throws in
            try seedTrial()
            #expect(graph.variableCount == 4 + 2 + 8)
            #expect(session.statistics.executorBuilds == 4, "variable check, initialisation, train, test")
        }
    }
}
