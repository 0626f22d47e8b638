/// The operation a ``Node`` performs, with its attributes.
///
/// Binary element-wise ops (`add`, `sub`, `mul`, `div`) accept equal shapes, or one operand
/// with exactly one scalar and a rank no greater than the other's; the result has the other's shape.
public enum Op: Sendable, Equatable {
    /// A value supplied at run time through `feeds`; `-1` in `shape` matches any size.
    case placeholder(shape: [Int])
    /// A fixed value.
    case constant(Tensor)
    /// A tensor of `shape` filled with `value`.
    case fill(shape: [Int], value: Float)
    /// Uniform random scalars in `lowerBound..<upperBound` from a generator seeded with `seed`.
    case randomUniform(shape: [Int], lowerBound: Float, upperBound: Float, seed: UInt64)
    /// A variable whose value lives in each session (TF1 `VariableV2`).
    case variable(shape: [Int])
    /// Stores input 1 into the variable at input 0 and outputs it.
    case assign
    /// Adds input 1 to the variable at input 0 and outputs the new value.
    case assignAdd
    /// Subtracts input 1 from the variable at input 0 and outputs the new value.
    case assignSub
    /// Outputs 1 if the variable at input 0 has a value in the session, else 0.
    case isVariableInitialized
    /// Runs its inputs and outputs nothing (TF1 `NoOp` with control inputs, `tf.group`).
    case group
    /// Outputs its input.
    case identity
    /// The matrix product of two rank-2 tensors, either optionally transposed.
    case matMul(transposeA: Bool, transposeB: Bool)
    /// Adds a rank-1 bias along the last dimension.
    case biasAdd
    /// Element-wise sum.
    case add
    /// Element-wise difference.
    case sub
    /// Element-wise product.
    case mul
    /// Element-wise quotient.
    case div
    /// Element-wise negation.
    case neg
    /// Element-wise square.
    case square
    /// Element-wise square root.
    case sqrt
    /// The mean of all scalars (`axis == nil`), or along one axis (negative counts from the end).
    case mean(axis: Int?)
    /// Element-wise `max(0, x)`.
    case relu
    /// Element-wise logistic function.
    case sigmoid
    /// Element-wise hyperbolic tangent.
    case tanh
    /// Ones in the shape of its input.
    case onesLike
    /// Zeros in the shape of its input.
    case zerosLike
    /// Gradient of `relu`: input 0 where output (input 1) is positive, else 0.
    case reluGrad
    /// Gradient of `sigmoid` from the upstream gradient and the output: `g * y * (1 - y)`.
    case sigmoidGrad
    /// Gradient of `tanh` from the upstream gradient and the output: `g * (1 - y²)`.
    case tanhGrad
    /// Gradient of `mean(axis:)`: spreads input 0 over the shape of input 1.
    case meanGrad(axis: Int?)
    /// Sums input 0 down to the shape of input 1 (the gradient of a broadcast operand).
    case sumLike
    /// Gradient of `biasAdd` for the bias: sums over every dimension but the last.
    case biasAddGrad

    /// The TensorFlow-style type name, used for default node names and in errors.
    public var typeName: String {
        switch self {
        case .placeholder: "Placeholder"
        case .constant: "Const"
        case .fill: "Fill"
        case .randomUniform: "RandomUniform"
        case .variable: "VariableV2"
        case .assign: "Assign"
        case .assignAdd: "AssignAdd"
        case .assignSub: "AssignSub"
        case .isVariableInitialized: "IsVariableInitialized"
        case .group: "NoOp"
        case .identity: "Identity"
        case .matMul: "MatMul"
        case .biasAdd: "BiasAdd"
        case .add: "Add"
        case .sub: "Sub"
        case .mul: "Mul"
        case .div: "RealDiv"
        case .neg: "Neg"
        case .square: "Square"
        case .sqrt: "Sqrt"
        case .mean: "Mean"
        case .relu: "Relu"
        case .sigmoid: "Sigmoid"
        case .tanh: "Tanh"
        case .onesLike: "OnesLike"
        case .zerosLike: "ZerosLike"
        case .reluGrad: "ReluGrad"
        case .sigmoidGrad: "SigmoidGrad"
        case .tanhGrad: "TanhGrad"
        case .meanGrad: "MeanGrad"
        case .sumLike: "SumLike"
        case .biasAddGrad: "BiasAddGrad"
        }
    }

    /// Whether input 0 is a reference to a variable rather than a read of its value.
    var readsVariableByReference: Bool {
        switch self {
        case .assign, .assignAdd, .assignSub, .isVariableInitialized: true
        default: false
        }
    }
}
