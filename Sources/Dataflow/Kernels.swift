#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The arithmetic behind each op, on flat row-major `[Float]` buffers.
///
/// Every kernel allocates its one output buffer and fills it through unsafe buffer pointers;
/// nothing allocates per element. Shape errors are thrown naming the node.
enum Kernels {
    static func exp(_ x: Float) -> Float { expf(x) }

    static func tanh(_ x: Float) -> Float { tanhf(x) }

    static func randomUniform(shape: [Int], lowerBound: Float, upperBound: Float, seed: UInt64) -> Tensor {
        var generator = RandomGenerator(seed: seed)
        let count = shape.reduce(1, *)
        let width = upperBound - lowerBound
        let scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count { buffer[index] = lowerBound + width * generator.nextUnitFloat() }
            initialized = count
        }
        return Tensor(shape: shape, scalars: scalars)
    }

    /// `f` applied to every scalar.
    @inline(__always)
    static func map(_ x: Tensor, _ f: (Float) -> Float) -> Tensor {
        let count = x.scalars.count
        let scalars = x.scalars.withUnsafeBufferPointer { source in
            [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count { buffer[index] = f(source[index]) }
                initialized = count
            }
        }
        return Tensor(shape: x.shape, scalars: scalars)
    }

    /// `f` applied pairwise to two tensors of the same shape.
    @inline(__always)
    static func zip(_ a: Tensor, _ b: Tensor, node: String, op: Op, _ f: (Float, Float) -> Float) throws -> Tensor {
        guard a.shape == b.shape else { throw DataflowError.shapeMismatch(node: node, op: op.typeName, shapes: [a.shape, b.shape]) }
        return zipSameShape(a, b, f)
    }

    /// `f` applied pairwise, broadcasting an operand that holds one scalar and has a rank
    /// no greater than the other's.
    @inline(__always)
    static func broadcast(_ a: Tensor, _ b: Tensor, node: String, op: Op, _ f: (Float, Float) -> Float) throws -> Tensor {
        if a.shape == b.shape { return zipSameShape(a, b, f) }
        if b.scalars.count == 1 && b.rank <= a.rank {
            let right = b.scalars[0]
            return map(a) { f($0, right) }
        }
        if a.scalars.count == 1 && a.rank <= b.rank {
            let left = a.scalars[0]
            return map(b) { f(left, $0) }
        }
        throw DataflowError.shapeMismatch(node: node, op: op.typeName, shapes: [a.shape, b.shape])
    }

    @inline(__always)
    private static func zipSameShape(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
        let count = a.scalars.count
        let scalars = a.scalars.withUnsafeBufferPointer { left in
            b.scalars.withUnsafeBufferPointer { right in
                [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                    for index in 0..<count { buffer[index] = f(left[index], right[index]) }
                    initialized = count
                }
            }
        }
        return Tensor(shape: a.shape, scalars: scalars)
    }

    /// `base + delta` or `base - delta` for equal shapes, reusing `base`'s buffer when it is unique.
    static func update(_ base: consuming Tensor, by delta: Tensor, subtracting: Bool) -> Tensor {
        var result = base
        result.scalars.withUnsafeMutableBufferPointer { target in
            delta.scalars.withUnsafeBufferPointer { source in
                if subtracting {
                    for index in target.indices { target[index] -= source[index] }
                } else {
                    for index in target.indices { target[index] += source[index] }
                }
            }
        }
        return result
    }

    static func matMul(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool, node: String) throws -> Tensor {
        let mismatch = DataflowError.shapeMismatch(node: node, op: "MatMul", shapes: [a.shape, b.shape])
        guard a.rank == 2, b.rank == 2 else { throw mismatch }
        let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let (innerB, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        guard k == innerB else { throw mismatch }
        var scalars = [Float](repeating: 0, count: m * n)
        a.scalars.withUnsafeBufferPointer { left in
            b.scalars.withUnsafeBufferPointer { right in
                scalars.withUnsafeMutableBufferPointer { out in
                    for i in 0..<m {
                        let row = i * n
                        for p in 0..<k {
                            let factor = transposeA ? left[p * m + i] : left[i * k + p]
                            if transposeB {
                                for j in 0..<n { out[row + j] += factor * right[j * k + p] }
                            } else {
                                let base = p * n
                                for j in 0..<n { out[row + j] += factor * right[base + j] }
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: [m, n], scalars: scalars)
    }

    static func biasAdd(_ x: Tensor, _ bias: Tensor, node: String) throws -> Tensor {
        guard x.rank >= 1, bias.rank == 1, x.shape[x.rank - 1] == bias.shape[0] else {
            throw DataflowError.shapeMismatch(node: node, op: "BiasAdd", shapes: [x.shape, bias.shape])
        }
        let width = bias.shape[0]
        var result = x
        result.scalars.withUnsafeMutableBufferPointer { out in
            bias.scalars.withUnsafeBufferPointer { b in
                var index = 0
                while index < out.count {
                    for j in 0..<width { out[index + j] += b[j] }
                    index += width
                }
            }
        }
        return result
    }

    static func biasAddGrad(_ gradient: Tensor, node: String) throws -> Tensor {
        guard gradient.rank >= 1 else {
            throw DataflowError.shapeMismatch(node: node, op: "BiasAddGrad", shapes: [gradient.shape])
        }
        let width = gradient.shape[gradient.rank - 1]
        var scalars = [Float](repeating: 0, count: width)
        gradient.scalars.withUnsafeBufferPointer { g in
            scalars.withUnsafeMutableBufferPointer { out in
                var index = 0
                while index < g.count {
                    for j in 0..<width { out[j] += g[index + j] }
                    index += width
                }
            }
        }
        return Tensor(shape: [width], scalars: scalars)
    }

    /// The `(outer, dimension, inner)` split of `shape` around `axis`, or `nil` if out of range.
    private static func split(_ shape: [Int], axis: Int) -> (outer: Int, dimension: Int, inner: Int, axis: Int)? {
        let resolved = axis < 0 ? axis + shape.count : axis
        guard resolved >= 0, resolved < shape.count else { return nil }
        return (shape[..<resolved].reduce(1, *), shape[resolved], shape[(resolved + 1)...].reduce(1, *), resolved)
    }

    static func mean(_ x: Tensor, axis: Int?, node: String) throws -> Tensor {
        guard let axis else {
            var total: Float = 0
            x.scalars.withUnsafeBufferPointer { for value in $0 { total += value } }
            return Tensor(total / Float(x.scalars.count))
        }
        guard let (outer, dimension, inner, resolved) = split(x.shape, axis: axis) else {
            throw DataflowError.shapeMismatch(node: node, op: "Mean", shapes: [x.shape, [axis]])
        }
        var scalars = [Float](repeating: 0, count: outer * inner)
        let scale = 1 / Float(dimension)
        x.scalars.withUnsafeBufferPointer { source in
            scalars.withUnsafeMutableBufferPointer { out in
                for o in 0..<outer {
                    for d in 0..<dimension {
                        let base = (o * dimension + d) * inner
                        for i in 0..<inner { out[o * inner + i] += source[base + i] }
                    }
                }
                for index in out.indices { out[index] *= scale }
            }
        }
        var shape = x.shape
        shape.remove(at: resolved)
        return Tensor(shape: shape, scalars: scalars)
    }

    static func meanGrad(_ gradient: Tensor, like x: Tensor, axis: Int?, node: String) throws -> Tensor {
        guard let axis else {
            guard gradient.scalars.count == 1 else {
                throw DataflowError.shapeMismatch(node: node, op: "MeanGrad", shapes: [gradient.shape, x.shape])
            }
            return Tensor(repeating: gradient.scalars[0] / Float(x.scalars.count), shape: x.shape)
        }
        guard let (outer, dimension, inner, _) = split(x.shape, axis: axis),
              gradient.scalars.count == outer * inner else {
            throw DataflowError.shapeMismatch(node: node, op: "MeanGrad", shapes: [gradient.shape, x.shape])
        }
        let scale = 1 / Float(dimension)
        var scalars = [Float](repeating: 0, count: x.scalars.count)
        gradient.scalars.withUnsafeBufferPointer { g in
            scalars.withUnsafeMutableBufferPointer { out in
                for o in 0..<outer {
                    for d in 0..<dimension {
                        let base = (o * dimension + d) * inner
                        for i in 0..<inner { out[base + i] = g[o * inner + i] * scale }
                    }
                }
            }
        }
        return Tensor(shape: x.shape, scalars: scalars)
    }

    /// `gradient` reduced to the shape of `x`: unchanged when the shapes agree, summed to one
    /// scalar when `x` was the broadcast operand.
    static func sum(_ gradient: Tensor, like x: Tensor, node: String) throws -> Tensor {
        if gradient.shape == x.shape { return gradient }
        guard x.scalars.count == 1 else {
            throw DataflowError.shapeMismatch(node: node, op: "SumLike", shapes: [gradient.shape, x.shape])
        }
        var total: Float = 0
        gradient.scalars.withUnsafeBufferPointer { for value in $0 { total += value } }
        return Tensor(shape: x.shape, scalars: [total])
    }
}
