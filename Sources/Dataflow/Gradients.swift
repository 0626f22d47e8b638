extension Graph {
    /// Adds the nodes computing the gradient of `loss` with respect to each of `xs`
    /// (reverse-mode automatic differentiation), and returns those gradients.
    ///
    /// Models TF1 `tf.gradients`: the gradient is not computed but *built*, as new nodes under a
    /// unique `gradients` scope, so every compiled model makes the graph larger. Only nodes on a
    /// path from some `x` to `loss` get gradient nodes; an `x` that `loss` does not depend on gets
    /// zeros. `loss` is treated as summed, so a non-scalar loss starts from ones.
    /// - Parameters:
    ///   - loss: The value to differentiate.
    ///   - xs: What to differentiate with respect to: variables, placeholders or any outputs.
    /// - Returns: One gradient per element of `xs`, in the shape of that element.
    public func gradients(of loss: Output, with xs: [Output]) -> [Output] {
        gradients(of: loss, with: xs, scope: uniqueScope("gradients"))
    }

    func gradients(of loss: Output, with xs: [Output], scope: String) -> [Output] {
        checkOwnership(loss, role: "loss")
        for x in xs { checkOwnership(x, role: "gradient source") }
        let nodes = nodesSnapshot()
        let count = loss.id + 1

        var reachedFromX = [Bool](repeating: false, count: count)
        for x in xs where x.id < count { reachedFromX[x.id] = true }
        if let first = xs.map(\.id).min(), first < count {
            for id in first..<count where !reachedFromX[id] {
                reachedFromX[id] = nodes[id].inputs.contains { reachedFromX[$0] }
            }
        }

        var between = [Bool](repeating: false, count: count)
        var pending = reachedFromX[loss.id] ? [loss.id] : []
        while let id = pending.popLast() {
            if between[id] { continue }
            between[id] = true
            for input in nodes[id].inputs where reachedFromX[input] { pending.append(input) }
        }

        let wanted = Set(xs.map(\.id))
        var incoming = [[Output]](repeating: [], count: count)
        var results: [Int: Output] = [:]
        if between[loss.id] { incoming[loss.id] = [onesLike(loss, name: "\(scope)/OnesLike")] }
        for id in stride(from: loss.id, through: 0, by: -1) where between[id] && !incoming[id].isEmpty {
            let node = nodes[id]
            let nodeScope = "\(scope)/\(node.name)_grad"
            var gradient = incoming[id][0]
            for other in incoming[id].dropFirst() { gradient = add(gradient, other, name: "\(nodeScope)/AddN") }
            if wanted.contains(id) { results[id] = gradient }
            let needs = node.inputs.map { between[$0] }
            guard needs.contains(true) else { continue }
            let inputGradients = inputGradients(of: node, id: id, upstream: gradient, needs: needs, scope: nodeScope)
            for (input, inputGradient) in Swift.zip(node.inputs, inputGradients) {
                if let inputGradient { incoming[input].append(inputGradient) }
            }
        }
        return xs.map { results[$0.id] ?? zerosLike($0, name: "\(scope)/zeros_like") }
    }

    /// The gradient rule of each differentiable op: one gradient per input (nil where not needed).
    private func inputGradients(of node: Node, id: Int, upstream g: Output, needs: [Bool], scope: String) -> [Output?] {
        let y = Output(id: id, graphSerial: serial)
        let inputs = node.inputs.map { Output(id: $0, graphSerial: serial) }
        func name(_ base: String) -> String { "\(scope)/\(base)" }
        func when(_ position: Int, _ make: () -> Output) -> Output? { needs[position] ? make() : nil }
        func two() -> Output { constant(Tensor(2), name: name("Const")) }
        switch node.op {
        case .identity:
            return [g]
        case .add:
            return [when(0) { reduce(g, like: inputs[0], name) }, when(1) { reduce(g, like: inputs[1], name) }]
        case .sub:
            return [when(0) { reduce(g, like: inputs[0], name) },
                    when(1) { reduce(neg(g, name: name("Neg")), like: inputs[1], name) }]
        case .mul:
            return [when(0) { reduce(mul(g, inputs[1], name: name("Mul")), like: inputs[0], name) },
                    when(1) { reduce(mul(g, inputs[0], name: name("Mul_1")), like: inputs[1], name) }]
        case .div:
            return [when(0) { reduce(div(g, inputs[1], name: name("RealDiv")), like: inputs[0], name) },
                    when(1) {
                        let quotient = div(y, inputs[1], name: name("RealDiv_1"))
                        return reduce(neg(mul(g, quotient, name: name("Mul")), name: name("Neg")), like: inputs[1], name)
                    }]
        case .neg:
            return [neg(g, name: name("Neg"))]
        case .square:
            return [mul(g, mul(inputs[0], two(), name: name("Mul")), name: name("Mul_1"))]
        case .sqrt:
            return [div(g, mul(y, two(), name: name("Mul")), name: name("RealDiv"))]
        case let .matMul(transposeA, transposeB):
            let (a, b) = (inputs[0], inputs[1])
            switch (transposeA, transposeB) {
            case (false, false):
                return [when(0) { matMul(g, b, transposeB: true, name: name("MatMul")) },
                        when(1) { matMul(a, g, transposeA: true, name: name("MatMul_1")) }]
            case (false, true):
                return [when(0) { matMul(g, b, name: name("MatMul")) },
                        when(1) { matMul(g, a, transposeA: true, name: name("MatMul_1")) }]
            case (true, false):
                return [when(0) { matMul(b, g, transposeB: true, name: name("MatMul")) },
                        when(1) { matMul(a, g, name: name("MatMul_1")) }]
            case (true, true):
                return [when(0) { matMul(b, g, transposeA: true, transposeB: true, name: name("MatMul")) },
                        when(1) { matMul(g, a, transposeA: true, transposeB: true, name: name("MatMul_1")) }]
            }
        case .biasAdd:
            return [when(0) { g }, when(1) { addNode(.biasAddGrad, name: name("BiasAddGrad"), inputs: [g]) }]
        case .mean(let axis):
            return [addNode(.meanGrad(axis: axis), name: name("MeanGrad"), inputs: [g, inputs[0]])]
        case .relu:
            return [addNode(.reluGrad, name: name("ReluGrad"), inputs: [g, y])]
        case .sigmoid:
            return [addNode(.sigmoidGrad, name: name("SigmoidGrad"), inputs: [g, y])]
        case .tanh:
            return [addNode(.tanhGrad, name: name("TanhGrad"), inputs: [g, y])]
        default:
            preconditionFailure("no gradient is defined for \(node.op.typeName) node '\(node.name)'")
        }
    }

    /// The gradient of a possibly broadcast operand, summed back to the operand's shape.
    private func reduce(_ gradient: Output, like x: Output, _ name: (String) -> String) -> Output {
        addNode(.sumLike, name: name("SumLike"), inputs: [gradient, x])
    }
}
