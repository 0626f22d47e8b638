import Testing
@testable import Dataflow

@Suite struct OptimizerTests {
    /// `loss = (w - 3)²` with `w` starting at 1; returns the graph, `w`, the loss and the train target.
    private func problem(_ optimizer: Optimizer) -> (Graph, Output, Output, Output) {
        let graph = Graph()
        let w = graph.variable(shape: [], initializer: .constant(Tensor(1)), name: "w")
        let loss = graph.square(graph.sub(w, graph.constant(Tensor(3))))
        let train = optimizer.minimize(loss, variables: [w], in: graph)
        return (graph, w, loss, train)
    }

    private func initializeAll(_ graph: Graph, in session: Session) throws {
        _ = try session.run(fetches: [], targets: graph.variables.map { graph.initializer(for: $0) })
    }

    @Test func defaultsAreKeras() {
        #expect(Optimizer.adam() == .adam(learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7))
        #expect(Optimizer.sgd() == .sgd(learningRate: 0.01))
        #expect(Optimizer.adam().name == "Adam")
        #expect(Optimizer.sgd().name == "SGD")
    }

    @Test func oneSGDStep() throws {
        let (graph, w, loss, train) = problem(.sgd(learningRate: 0.1))
        let session = Session(graph: graph)
        try initializeAll(graph, in: session)
        #expect(try session.run(fetches: [loss], targets: [train]) == [Tensor(4)])
        // g = 2 (1 - 3) = -4, so w = 1 - 0.1 * -4 = 1.4.
        #expect(abs(try session.run(fetches: [w])[0].scalars[0] - 1.4) < 1e-6)
    }

    @Test func adamKeepsItsStateInGraphVariables() {
        let (graph, _, _, train) = problem(.adam())
        #expect(graph.variableCount == 1 + 2 + 2, "w, its m and v slots, beta1_power and beta2_power")
        #expect(graph.output(named: "training/Adam/w/m") != nil)
        #expect(graph.output(named: "training/Adam/beta1_power") != nil)
        #expect(graph.node(train).name == "training/Adam/group_deps")
    }

    @Test func twoAdamStepsMatchTheHandComputation() throws {
        let (lr, beta1, beta2, epsilon) = (0.1, 0.9, 0.999, 1e-7)
        let (graph, w, loss, train) = problem(.adam(learningRate: Float(lr), beta1: Float(beta1), beta2: Float(beta2),
                                                    epsilon: Float(epsilon)))
        let session = Session(graph: graph)
        try initializeAll(graph, in: session)

        // Step 1: g = 2(1 - 3) = -4; m = 0.1 * -4 = -0.4; v = 0.001 * 16 = 0.016;
        // lr_t = 0.1 * sqrt(1 - 0.999) / (1 - 0.9) = 0.0316228; w = 1 + 0.0316228 * 0.4 / 0.126491 ≈ 1.1.
        var p = 1.0, m = 0.0, v = 0.0
        var expected: [Double] = []
        for t in 1...2 {
            let g = 2 * (p - 3)
            m = beta1 * m + (1 - beta1) * g
            v = beta2 * v + (1 - beta2) * g * g
            let rate = lr * (1 - pow(beta2, t)).squareRoot() / (1 - pow(beta1, t))
            p -= rate * m / (v.squareRoot() + epsilon)
            expected.append(p)
        }
        #expect(abs(expected[0] - 1.1) < 1e-6)
        #expect(abs(expected[1] - 1.19983) < 1e-4)

        #expect(try session.run(fetches: [loss], targets: [train]) == [Tensor(4)], "the loss is read before the update")
        #expect(abs(Double(try session.run(fetches: [w])[0].scalars[0]) - expected[0]) < 1e-5)
        _ = try session.run(fetches: [loss], targets: [train])
        #expect(abs(Double(try session.run(fetches: [w])[0].scalars[0]) - expected[1]) < 1e-5)
        let slot = try #require(graph.output(named: "training/Adam/w/m"))
        #expect(abs(Double(try session.run(fetches: [slot])[0].scalars[0]) - m) < 1e-5)
        let beta1Power = try #require(graph.output(named: "training/Adam/beta1_power"))
        #expect(abs(Double(try session.run(fetches: [beta1Power])[0].scalars[0]) - pow(beta1, 3)) < 1e-6)
    }

    private func pow(_ base: Double, _ exponent: Int) -> Double {
        (0..<exponent).reduce(1) { product, _ in product * base }
    }
}
