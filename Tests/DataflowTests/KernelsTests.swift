import Testing
@testable import Dataflow

@Suite struct KernelsTests {
    private func evaluate(_ build: (Graph) -> Output) throws -> Tensor {
        let graph = Graph()
        let output = build(graph)
        return try Session(graph: graph).run(fetches: [output])[0]
    }

    @Test func matMulOfEmptyInnerDimensionIsZeros() throws {
        let a = Tensor(shape: [2, 0], scalars: [])
        let b = Tensor(shape: [0, 3], scalars: [])
        #expect(try evaluate { $0.matMul($0.constant(a), $0.constant(b)) } == Tensor(repeating: 0, shape: [2, 3]))
    }

    @Test func matMulHonoursTransposes() throws {
        let a = Tensor([[1, 2], [3, 4]])
        let b = Tensor([[5, 6], [7, 8]])
        #expect(try evaluate { $0.matMul($0.constant(a), $0.constant(b)) } == Tensor([[19, 22], [43, 50]]))
        #expect(try evaluate { $0.matMul($0.constant(a), $0.constant(b), transposeA: true) } == Tensor([[26, 30], [38, 44]]))
        #expect(try evaluate { $0.matMul($0.constant(a), $0.constant(b), transposeB: true) } == Tensor([[17, 23], [39, 53]]))
        #expect(try evaluate { $0.matMul($0.constant(a), $0.constant(b), transposeA: true, transposeB: true) }
                == Tensor([[23, 31], [34, 46]]))
    }

    @Test func biasAddAddsAlongTheLastDimension() throws {
        let result = try evaluate { $0.biasAdd($0.constant(Tensor([[1, 2], [3, 4]])), $0.constant(Tensor(shape: [2], scalars: [10, 20]))) }
        #expect(result == Tensor([[11, 22], [13, 24]]))
    }

    @Test func broadcastingAcceptsOneScalarOnEitherSide() throws {
        #expect(try evaluate { $0.sub($0.constant(Tensor([[1, 2]])), $0.constant(Tensor(1))) } == Tensor([[0, 1]]))
        #expect(try evaluate { $0.div($0.constant(Tensor(1)), $0.constant(Tensor([[1, 2]]))) } == Tensor([[1, 0.5]]))
        #expect(try evaluate { $0.mul($0.constant(Tensor([[2]])), $0.constant(Tensor([[3]]))) } == Tensor([[6]]))
    }

    @Test func broadcastingOtherShapesThrows() {
        #expect(throws: DataflowError.shapeMismatch(node: "sum", op: "Add", shapes: [[1, 2], [1, 3]])) {
            try evaluate { $0.add($0.constant(Tensor([[1, 2]])), $0.constant(Tensor([[1, 2, 3]])), name: "sum") }
        }
    }

    @Test func meanReducesAllOrOneAxis() throws {
        let x = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(try evaluate { $0.mean($0.constant(x)) } == Tensor(3.5))
        #expect(try evaluate { $0.mean($0.constant(x), axis: 0) } == Tensor(shape: [3], scalars: [2.5, 3.5, 4.5]))
        #expect(try evaluate { $0.mean($0.constant(x), axis: -1) } == Tensor(shape: [2], scalars: [2, 5]))
    }

    @Test func meanAlongAMissingAxisThrows() {
        #expect(throws: DataflowError.shapeMismatch(node: "Mean", op: "Mean", shapes: [[2], [1]])) {
            try evaluate { $0.mean($0.constant(Tensor(shape: [2], scalars: [1, 2])), axis: 1) }
        }
    }

    @Test func elementwiseOpsComputeTheirFunctions() throws {
        let x = Tensor(shape: [3], scalars: [-1, 0, 4])
        #expect(try evaluate { $0.relu($0.constant(x)) } == Tensor(shape: [3], scalars: [0, 0, 4]))
        #expect(try evaluate { $0.square($0.constant(x)) } == Tensor(shape: [3], scalars: [1, 0, 16]))
        #expect(try evaluate { $0.neg($0.constant(x)) } == Tensor(shape: [3], scalars: [1, 0, -4]))
        #expect(try evaluate { $0.sqrt($0.constant(Tensor(shape: [2], scalars: [4, 9]))) } == Tensor(shape: [2], scalars: [2, 3]))
        #expect(try evaluate { $0.sigmoid($0.constant(Tensor(0))) } == Tensor(0.5))
        #expect(try evaluate { $0.tanh($0.constant(Tensor(0))) } == Tensor(0))
        #expect(try evaluate { $0.identity($0.constant(x)) } == x)
        #expect(try evaluate { $0.onesLike($0.constant(x)) } == Tensor(repeating: 1, shape: [3]))
        #expect(try evaluate { $0.zerosLike($0.constant(x)) } == Tensor(repeating: 0, shape: [3]))
    }

    @Test func glorotUniformStaysWithinItsLimitAndIsReproducible() throws {
        let graph = Graph()
        let w = graph.variable(shape: [4, 8], initializer: .glorotUniform(seed: 7), name: "w")
        let session = Session(graph: graph)
        _ = try session.run(fetches: [], targets: [graph.initializer(for: w)])
        let first = try session.run(fetches: [w])[0]
        let limit = Float((6.0 / 12.0).squareRoot())
        #expect(first.shape == [4, 8])
        #expect(first.scalars.allSatisfy { abs($0) <= limit })
        #expect(Set(first.scalars).count > 1)
        _ = try session.run(fetches: [], targets: [graph.initializer(for: w)])
        #expect(try session.run(fetches: [w])[0] == first)
    }
}
