import Testing
@testable import Dataflow

@Suite struct TensorTests {
    @Test func noRowsGivesAnEmptyMatrix() {
        let tensor = Tensor([])
        #expect(tensor.shape == [0, 0])
        #expect(tensor.scalars.isEmpty)
    }

    @Test func aScalarHasRankZero() {
        let tensor = Tensor(3)
        #expect(tensor.shape == [])
        #expect(tensor.rank == 0)
        #expect(tensor.scalars == [3])
    }

    @Test func rowsAreStoredRowMajor() {
        let tensor = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(tensor.shape == [2, 3])
        #expect(tensor.scalars == [1, 2, 3, 4, 5, 6])
        #expect(tensor == Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
    }

    @Test func repeatingFillsTheShape() {
        #expect(Tensor(repeating: 2, shape: [2, 2]).scalars == [2, 2, 2, 2])
    }

    @Test func rowsSliceTheFirstDimension() {
        let tensor = Tensor([[1, 2], [3, 4], [5, 6]])
        #expect(tensor.rows(1..<3) == Tensor([[3, 4], [5, 6]]))
        #expect(tensor.rows(0..<0).shape == [0, 2])
    }
}
