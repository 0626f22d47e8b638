extension Graph {
    /// Adds a placeholder, a value fed at run time.
    ///
    /// - Parameters:
    ///   - shape: The expected shape; `-1` matches any size (usually the batch dimension).
    ///   - name: The node name, made unique in the graph.
    public func placeholder(shape: [Int], name: String = "Placeholder") -> Output {
        precondition(shape.allSatisfy { $0 >= -1 }, "placeholder '\(name)' has invalid shape \(shape)")
        return addNode(.placeholder(shape: shape), name: name, inputs: [])
    }

    /// Adds a constant.
    public func constant(_ value: Tensor, name: String = "Const") -> Output {
        addNode(.constant(value), name: name, inputs: [])
    }

    /// Adds a node that outputs a tensor of `shape` filled with `value`.
    public func fill(shape: [Int], value: Float, name: String = "Fill") -> Output {
        precondition(shape.allSatisfy { $0 >= 0 }, "fill '\(name)' has invalid shape \(shape)")
        return addNode(.fill(shape: shape, value: value), name: name, inputs: [])
    }

    /// Adds a variable, its initial-value nodes and its `Assign` initializer, and registers it
    /// as a global variable of the graph.
    ///
    /// Models TF1 `tf.Variable(initial_value)`: a `VariableV2` node named `name`, an
    /// `name/Initializer/...` subgraph and `name/Assign`. The value itself lives in each
    /// ``Session``, not in the graph.
    /// - Parameters:
    ///   - shape: The variable's fixed shape.
    ///   - initializer: How the first value is made.
    ///   - name: The node name, made unique in the graph.
    public func variable(shape: [Int], initializer: Initializer, name: String = "Variable") -> Output {
        precondition(shape.allSatisfy { $0 >= 0 }, "variable '\(name)' has invalid shape \(shape)")
        let variable = addNode(.variable(shape: shape), name: name, inputs: [])
        let variableName = node(variable).name
        let initialValue: Output
        switch initializer {
        case .zeros:
            initialValue = fill(shape: shape, value: 0, name: "\(variableName)/Initializer/zeros")
        case .constant(let value):
            precondition(value.shape == shape, "initial value of shape \(value.shape) for variable '\(variableName)' of shape \(shape)")
            initialValue = constant(value, name: "\(variableName)/Initializer/Const")
        case .glorotUniform(let seed):
            let fanIn = shape.count >= 2 ? shape[shape.count - 2] : shape.first ?? 1
            let fanOut = shape.last ?? 1
            let limit = Float((6.0 / Double(max(1, fanIn + fanOut))).squareRoot())
            initialValue = addNode(.randomUniform(shape: shape, lowerBound: -limit, upperBound: limit, seed: seed),
                                   name: "\(variableName)/Initializer/random_uniform", inputs: [])
        }
        let assign = addNode(.assign, name: "\(variableName)/Assign", inputs: [variable, initialValue])
        registerVariable(variable, initializer: assign, shape: shape)
        return variable
    }

    /// Adds a node that stores `value` into `variable` when run and outputs it.
    public func assign(_ variable: Output, _ value: Output, name: String = "Assign") -> Output {
        checkIsVariable(variable, op: .assign)
        return addNode(.assign, name: name, inputs: [variable, value])
    }

    /// Adds a node that adds `delta` to `variable` when run and outputs the new value.
    public func assignAdd(_ variable: Output, _ delta: Output, name: String = "AssignAdd") -> Output {
        checkIsVariable(variable, op: .assignAdd)
        return addNode(.assignAdd, name: name, inputs: [variable, delta])
    }

    /// Adds a node that subtracts `delta` from `variable` when run and outputs the new value.
    public func assignSub(_ variable: Output, _ delta: Output, name: String = "AssignSub") -> Output {
        checkIsVariable(variable, op: .assignSub)
        return addNode(.assignSub, name: name, inputs: [variable, delta])
    }

    /// Adds a node that outputs 1 if `variable` has a value in the running session, else 0
    /// (TF1 `tf.is_variable_initialized`).
    public func isVariableInitialized(_ variable: Output, name: String = "IsVariableInitialized") -> Output {
        checkIsVariable(variable, op: .isVariableInitialized)
        return addNode(.isVariableInitialized, name: name, inputs: [variable])
    }

    /// Adds a node that runs `ops` and outputs nothing (TF1 `tf.group`).
    public func group(_ ops: [Output], name: String = "group_deps") -> Output {
        addNode(.group, name: name, inputs: ops)
    }

    /// Adds a node that outputs its input.
    public func identity(_ x: Output, name: String = "Identity") -> Output {
        addNode(.identity, name: name, inputs: [x])
    }

    /// Adds the matrix product of two rank-2 tensors, either optionally transposed.
    public func matMul(_ a: Output, _ b: Output, transposeA: Bool = false, transposeB: Bool = false,
                       name: String = "MatMul") -> Output {
        addNode(.matMul(transposeA: transposeA, transposeB: transposeB), name: name, inputs: [a, b])
    }

    /// Adds `bias` (rank 1) to `x` along its last dimension.
    public func biasAdd(_ x: Output, _ bias: Output, name: String = "BiasAdd") -> Output {
        addNode(.biasAdd, name: name, inputs: [x, bias])
    }

    /// Adds the element-wise sum (see ``Op`` for broadcasting).
    public func add(_ a: Output, _ b: Output, name: String = "Add") -> Output {
        addNode(.add, name: name, inputs: [a, b])
    }

    /// Adds the element-wise difference `a - b` (see ``Op`` for broadcasting).
    public func sub(_ a: Output, _ b: Output, name: String = "Sub") -> Output {
        addNode(.sub, name: name, inputs: [a, b])
    }

    /// Adds the element-wise product (see ``Op`` for broadcasting).
    public func mul(_ a: Output, _ b: Output, name: String = "Mul") -> Output {
        addNode(.mul, name: name, inputs: [a, b])
    }

    /// Adds the element-wise quotient `a / b` (see ``Op`` for broadcasting).
    public func div(_ a: Output, _ b: Output, name: String = "RealDiv") -> Output {
        addNode(.div, name: name, inputs: [a, b])
    }

    /// Adds the element-wise negation.
    public func neg(_ x: Output, name: String = "Neg") -> Output {
        addNode(.neg, name: name, inputs: [x])
    }

    /// Adds the element-wise square.
    public func square(_ x: Output, name: String = "Square") -> Output {
        addNode(.square, name: name, inputs: [x])
    }

    /// Adds the element-wise square root.
    public func sqrt(_ x: Output, name: String = "Sqrt") -> Output {
        addNode(.sqrt, name: name, inputs: [x])
    }

    /// Adds the mean of all scalars (`axis == nil`, a scalar result) or along `axis`
    /// (negative counts from the end; the axis is removed from the shape).
    public func mean(_ x: Output, axis: Int? = nil, name: String = "Mean") -> Output {
        addNode(.mean(axis: axis), name: name, inputs: [x])
    }

    /// Adds the element-wise `max(0, x)`.
    public func relu(_ x: Output, name: String = "Relu") -> Output {
        addNode(.relu, name: name, inputs: [x])
    }

    /// Adds the element-wise logistic function.
    public func sigmoid(_ x: Output, name: String = "Sigmoid") -> Output {
        addNode(.sigmoid, name: name, inputs: [x])
    }

    /// Adds the element-wise hyperbolic tangent.
    public func tanh(_ x: Output, name: String = "Tanh") -> Output {
        addNode(.tanh, name: name, inputs: [x])
    }

    /// Adds ones in the run-time shape of `x`.
    public func onesLike(_ x: Output, name: String = "OnesLike") -> Output {
        addNode(.onesLike, name: name, inputs: [x])
    }

    /// Adds zeros in the run-time shape of `x`.
    public func zerosLike(_ x: Output, name: String = "ZerosLike") -> Output {
        addNode(.zerosLike, name: name, inputs: [x])
    }

    private func checkIsVariable(_ output: Output, op: Op) {
        let target = node(output)
        guard case .variable = target.op else {
            preconditionFailure("\(op.typeName) needs a variable as input 0, got \(target.op.typeName) '\(target.name)'")
        }
    }
}
