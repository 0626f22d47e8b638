/// The model every trial creates, fits and tests: a Keras-style `Sequential` of
/// `Dense` layers, a loss, an optimizer and one fixed batch of data.
///
/// `Codable` so the coordinator can hand it to workers in a task message.
public struct Workload: Codable, Sendable, Equatable {
    /// One Dense layer.
    public struct Layer: Codable, Sendable, Equatable {
        public var units: Int
        public var activation: String

        public init(units: Int, activation: String = "linear") {
            self.units = units
            self.activation = activation
        }
    }

    /// The optimizer and its hyper-parameters (Keras' defaults where unset).
    public struct OptimizerSpec: Codable, Sendable, Equatable {
        /// `adam` or `sgd`.
        public var kind: String
        public var learningRate: Double
        public var beta1: Double
        public var beta2: Double
        public var epsilon: Double

        enum CodingKeys: String, CodingKey {
            case kind, beta1, beta2, epsilon
            case learningRate = "learning_rate"
        }

        public init(kind: String, learningRate: Double, beta1: Double, beta2: Double, epsilon: Double) {
            self.kind = kind
            self.learningRate = learningRate
            self.beta1 = beta1
            self.beta2 = beta2
            self.epsilon = epsilon
        }

        /// Keras' Adam defaults.
        public static let adam = OptimizerSpec(kind: "adam", learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7)
        /// Keras' SGD default.
        public static let sgd = OptimizerSpec(kind: "sgd", learningRate: 0.01, beta1: 0, beta2: 0, epsilon: 0)
    }

    /// Width of the input.
    public var inputs: Int
    /// The layers, first to last. No layers at all is ``empty``: a trial that
    /// does nothing, for benchmarks of the machinery around trials.
    public var layers: [Layer]
    /// The loss; `mse` is the only one the engine has.
    public var loss: String
    public var optimizer: OptimizerSpec
    public var epochs: Int
    public var batchSize: Int
    /// Training and test inputs, one row per sample.
    public var x: [[Double]]
    /// Training and test targets, one row per sample.
    public var y: [[Double]]

    public init(
        inputs: Int, layers: [Layer], loss: String, optimizer: OptimizerSpec, epochs: Int, batchSize: Int,
        x: [[Double]], y: [[Double]]
    ) {
        self.inputs = inputs
        self.layers = layers
        self.loss = loss
        self.optimizer = optimizer
        self.epochs = epochs
        self.batchSize = batchSize
        self.x = x
        self.y = y
    }

    enum CodingKeys: String, CodingKey {
        case inputs, layers, loss, optimizer, epochs, x, y
        case batchSize = "batch_size"
    }

    /// The classic experiment's model: Dense(8) then Dense(1) on 4 inputs, linear,
    /// MSE, Adam with Keras' defaults, one epoch of batch size 1 on X=[[1,1,1,1]], y=[[1]].
    public static let seed = Workload(
        inputs: 4, layers: [Layer(units: 8), Layer(units: 1)], loss: "mse", optimizer: .adam,
        epochs: 1, batchSize: 1, x: [[1, 1, 1, 1]], y: [[1]])

    /// No model: a trial of it does nothing, so what is measured around it is
    /// the price of dispatch and isolation alone. Config files cannot name it.
    public static let empty = Workload(
        inputs: 1, layers: [], loss: "mse", optimizer: .adam, epochs: 1, batchSize: 1, x: [[0]], y: [[0]])

    /// Whether a trial of this workload does nothing (see ``empty``).
    public var isEmpty: Bool { layers.isEmpty }

    /// The activations a layer may name.
    public static let activations = ["linear", "relu", "sigmoid", "tanh"]
    /// The optimizers a workload may name.
    public static let optimizers = ["adam", "sgd"]
    /// The losses a workload may name.
    public static let losses = ["mse"]
}
