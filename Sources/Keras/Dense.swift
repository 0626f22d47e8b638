import Dataflow

/// A fully connected layer: `activation(x · kernel + bias)` (Keras `Dense`).
///
/// Like a Keras layer, a `Dense` takes its name from the per-graph counter of the current
/// default graph when it is created (`dense_1`, `dense_2`, ...). When `inputShape` is given the
/// input dimension is known, so the kernel (Glorot uniform) and bias (zeros) variables are
/// created at once in that graph; otherwise when the layer is added to a ``Sequential`` model.
/// A layer belongs to one model.
public final class Dense {
    /// The number of output units.
    public let units: Int
    /// The activation applied to the affine map.
    public let activation: Activation
    /// The shape of one input sample, for a model's first layer.
    public let inputShape: [Int]?
    /// The layer's unique name in its graph (`dense_1`).
    public let name: String
    /// The graph the layer's nodes live in: the default graph when it was created.
    public let graph: Graph
    /// The `[inputs, units]` weight variable, once built.
    public private(set) var kernel: Output?
    /// The `[units]` bias variable, once built.
    public private(set) var bias: Output?
    private var isConnected = false

    /// Creates a layer in the current default graph.
    ///
    /// - Parameters:
    ///   - units: The number of outputs; positive.
    ///   - activation: The activation; linear by default.
    ///   - inputShape: The shape of one sample, `[features]`, required for a model's first layer.
    public init(units: Int, activation: Activation = .linear, inputShape: [Int]? = nil) {
        precondition(units > 0, "Dense units \(units) must be positive")
        if let inputShape {
            precondition(inputShape.count == 1 && inputShape[0] > 0, "Dense inputShape \(inputShape) must be [features] with features > 0")
        }
        self.units = units
        self.activation = activation
        self.inputShape = inputShape
        graph = Graph.current
        name = graph.uniqueName("dense")
        if let inputShape { buildVariables(inputDimension: inputShape[0]) }
    }

    /// Adds the layer's forward nodes on `input` (of shape `[-1, inputDimension]`) and returns its output.
    func connect(to input: Output, inputDimension: Int) -> Output {
        precondition(!isConnected, "Dense layer '\(name)' already belongs to a model")
        isConnected = true
        if kernel == nil { buildVariables(inputDimension: inputDimension) }
        guard let kernel, let bias else { preconditionFailure("Dense layer '\(name)' has no variables") }
        precondition(graph.shape(ofVariable: kernel)[0] == inputDimension,
                     "Dense layer '\(name)' expects \(graph.shape(ofVariable: kernel)[0]) inputs, got \(inputDimension)")
        let affine = graph.biasAdd(graph.matMul(input, kernel, name: "\(name)/MatMul"), bias, name: "\(name)/BiasAdd")
        switch activation {
        case .linear: return affine
        case .relu: return graph.relu(affine, name: "\(name)/Relu")
        case .sigmoid: return graph.sigmoid(affine, name: "\(name)/Sigmoid")
        case .tanh: return graph.tanh(affine, name: "\(name)/Tanh")
        }
    }

    private func buildVariables(inputDimension: Int) {
        let seed = UInt64(graph.nodeCount)
        kernel = graph.variable(shape: [inputDimension, units], initializer: .glorotUniform(seed: seed), name: "\(name)/kernel")
        bias = graph.variable(shape: [units], initializer: .zeros, name: "\(name)/bias")
    }
}
