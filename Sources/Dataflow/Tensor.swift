/// A dense, row-major array of `Float` scalars with a shape.
///
/// Tensors are plain values backed by one flat `[Float]` buffer, so copying a tensor is
/// copy-on-write and kernels work on contiguous memory without per-element allocation.
public struct Tensor: Sendable, Equatable, CustomStringConvertible {
    /// The size of each dimension; `[]` is a scalar.
    public var shape: [Int]
    /// The scalars in row-major order; always `shape.reduce(1, *)` of them.
    public var scalars: [Float]

    /// Creates a tensor from a shape and its scalars in row-major order.
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension; every size must be non-negative.
    ///   - scalars: Exactly `shape.reduce(1, *)` scalars.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative dimension")
        let count = shape.reduce(1, *)
        precondition(count == scalars.count, "Tensor shape \(shape) needs \(count) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// Creates a rank-2 tensor from rows of equal length.
    ///
    /// - Parameter rows: The rows; `[]` gives shape `[0, 0]`.
    public init(_ rows: [[Float]]) {
        let columns = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columns }, "Tensor rows have different lengths: \(rows.map(\.count))")
        var scalars: [Float] = []
        scalars.reserveCapacity(rows.count * columns)
        for row in rows { scalars.append(contentsOf: row) }
        self.init(shape: [rows.count, columns], scalars: scalars)
    }

    /// Creates a rank-0 tensor holding one scalar.
    public init(_ scalar: Float) {
        self.init(shape: [], scalars: [scalar])
    }

    /// Creates a tensor of the given shape with every scalar equal to `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// A textual form such as `Tensor([2, 2], [1.0, 2.0, 3.0, 4.0])`.
    public var description: String { "Tensor(\(shape), \(scalars))" }

    /// The value of nodes that produce nothing (groups, unread variables).
    static let empty = Tensor(shape: [0], scalars: [])

    /// The rows `range` of a tensor of rank at least 1, sharing nothing with `self`.
    package func rows(_ range: Range<Int>) -> Tensor {
        precondition(rank >= 1 && range.lowerBound >= 0 && range.upperBound <= shape[0],
                     "rows \(range) out of bounds for shape \(shape)")
        let width = shape.dropFirst().reduce(1, *)
        return Tensor(shape: [range.count] + shape.dropFirst(),
                      scalars: Array(scalars[(range.lowerBound * width)..<(range.upperBound * width)]))
    }
}
