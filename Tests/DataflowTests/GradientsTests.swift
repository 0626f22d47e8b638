import Testing
@testable import Dataflow

/// Each gradient is checked against central finite differences of `mean(square(f(x)))`.
@Suite struct GradientsTests {
    private func checkGradients(_ inputs: [Tensor], _ build: (Graph, [Output]) -> Output) throws {
        let graph = Graph()
        let xs = inputs.enumerated().map { graph.placeholder(shape: $1.shape, name: "x\($0)") }
        let loss = graph.mean(graph.square(build(graph, xs)))
        let gradients = graph.gradients(of: loss, with: xs)
        let session = Session(graph: graph)
        let feeds = Dictionary(uniqueKeysWithValues: zip(xs, inputs))
        let analytic = try session.run(fetches: gradients, feeds: feeds)
        let step: Float = 1e-2
        for (index, input) in inputs.enumerated() {
            #expect(analytic[index].shape == input.shape)
            for position in input.scalars.indices {
                var plus = feeds
                plus[xs[index]]?.scalars[position] += step
                var minus = feeds
                minus[xs[index]]?.scalars[position] -= step
                let numeric = (try session.run(fetches: [loss], feeds: plus)[0].scalars[0]
                    - session.run(fetches: [loss], feeds: minus)[0].scalars[0]) / (2 * step)
                let computed = analytic[index].scalars[position]
                #expect(abs(numeric - computed) <= 2e-2 * max(1, abs(numeric)),
                        "input \(index) scalar \(position): numeric \(numeric), graph \(computed)")
            }
        }
    }

    @Test func anUnconnectedSourceGetsZeros() throws {
        let graph = Graph()
        let x = graph.placeholder(shape: [2], name: "x")
        let unrelated = graph.placeholder(shape: [3], name: "u")
        let gradients = graph.gradients(of: graph.mean(x), with: [unrelated])
        let value = try Session(graph: graph).run(fetches: gradients, feeds: [unrelated: Tensor(repeating: 1, shape: [3])])
        #expect(value == [Tensor(repeating: 0, shape: [3])])
    }

    @Test func theLossWithRespectToItselfIsOne() throws {
        let graph = Graph()
        let x = graph.placeholder(shape: [], name: "x")
        let gradients = graph.gradients(of: x, with: [x])
        #expect(try Session(graph: graph).run(fetches: gradients, feeds: [x: Tensor(3)]) == [Tensor(1)])
    }

    @Test func aSourceUsedTwiceAccumulates() throws {
        let graph = Graph()
        let x = graph.placeholder(shape: [], name: "x")
        let gradients = graph.gradients(of: graph.mul(x, x), with: [x])
        #expect(try Session(graph: graph).run(fetches: gradients, feeds: [x: Tensor(3)]) == [Tensor(6)])
    }

    @Test func gradientsAreGraphNodesUnderAUniqueScope() {
        let graph = Graph()
        let x = graph.placeholder(shape: [], name: "x")
        let before = graph.nodeCount
        let first = graph.gradients(of: graph.square(x), with: [x])
        #expect(graph.nodeCount > before + 1)
        #expect(graph.node(first[0]).name.hasPrefix("gradients/"))
        let second = graph.gradients(of: graph.square(x), with: [x])
        #expect(graph.node(second[0]).name.hasPrefix("gradients_1/"))
    }

    @Test func identity() throws {
        var values = TestValues(seed: 1)
        try checkGradients([values.tensor([2, 3])]) { $0.identity($1[0]) }
    }

    @Test func add() throws {
        var values = TestValues(seed: 2)
        try checkGradients([values.tensor([2, 3]), values.tensor([2, 3])]) { $0.add($1[0], $1[1]) }
        try checkGradients([values.tensor([2, 3]), values.tensor([])]) { $0.add($1[0], $1[1]) }
    }

    @Test func sub() throws {
        var values = TestValues(seed: 3)
        try checkGradients([values.tensor([3, 2]), values.tensor([3, 2])]) { $0.sub($1[0], $1[1]) }
        try checkGradients([values.tensor([]), values.tensor([3, 2])]) { $0.sub($1[0], $1[1]) }
    }

    @Test func mul() throws {
        var values = TestValues(seed: 4)
        try checkGradients([values.tensor([2, 2]), values.tensor([2, 2])]) { $0.mul($1[0], $1[1]) }
        try checkGradients([values.tensor([1]), values.tensor([4])]) { $0.mul($1[0], $1[1]) }
    }

    @Test func div() throws {
        var values = TestValues(seed: 5)
        try checkGradients([values.tensor([2, 3]), values.tensor([2, 3], minimum: 1, positive: true)]) { $0.div($1[0], $1[1]) }
        try checkGradients([values.tensor([2, 3]), values.tensor([], minimum: 1, positive: true)]) { $0.div($1[0], $1[1]) }
    }

    @Test func neg() throws {
        var values = TestValues(seed: 6)
        try checkGradients([values.tensor([4])]) { $0.neg($1[0]) }
    }

    @Test func square() throws {
        var values = TestValues(seed: 7)
        try checkGradients([values.tensor([2, 2])]) { $0.square($1[0]) }
    }

    @Test func sqrt() throws {
        var values = TestValues(seed: 8)
        try checkGradients([values.tensor([3, 2], minimum: 0.5, positive: true)]) { $0.sqrt($1[0]) }
    }

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func matMul(transposeA: Bool, transposeB: Bool) throws {
        var values = TestValues(seed: 9)
        let a = values.tensor(transposeA ? [3, 2] : [2, 3])
        let b = values.tensor(transposeB ? [4, 3] : [3, 4])
        try checkGradients([a, b]) { $0.matMul($1[0], $1[1], transposeA: transposeA, transposeB: transposeB) }
    }

    @Test func biasAdd() throws {
        var values = TestValues(seed: 10)
        try checkGradients([values.tensor([3, 2]), values.tensor([2])]) { $0.biasAdd($1[0], $1[1]) }
    }

    @Test(arguments: [nil, 0, 1, -1] as [Int?])
    func mean(axis: Int?) throws {
        var values = TestValues(seed: 11)
        try checkGradients([values.tensor([2, 3])]) { $0.mean($1[0], axis: axis) }
    }

    @Test func relu() throws {
        var values = TestValues(seed: 12)
        try checkGradients([values.tensor([3, 3], minimum: 0.1)]) { $0.relu($1[0]) }
    }

    @Test func sigmoid() throws {
        var values = TestValues(seed: 13)
        try checkGradients([values.tensor([2, 3])]) { $0.sigmoid($1[0]) }
    }

    @Test func tanh() throws {
        var values = TestValues(seed: 14)
        try checkGradients([values.tensor([2, 3])]) { $0.tanh($1[0]) }
    }

    @Test func aDenseLayerChain() throws {
        var values = TestValues(seed: 15)
        try checkGradients([values.tensor([2, 3]), values.tensor([3, 2]), values.tensor([2])]) { graph, inputs in
            graph.tanh(graph.biasAdd(graph.matMul(inputs[0], inputs[1]), inputs[2]))
        }
    }
}
