import Dataflow
import Keras
import Wire

extension Workload {
    /// Builds and compiles the model in the current default graph: the trial's
    /// create phase (`Sequential([...])` then `compile`).
    func makeModel() throws -> Sequential {
        var dense: [Dense] = []
        for (index, layer) in layers.enumerated() {
            dense.append(Dense(
                units: layer.units, activation: Activation(name: layer.activation),
                inputShape: index == 0 ? [inputs] : nil))
        }
        let model = Sequential(dense)
        model.compile(loss: .meanSquaredError, optimizer: optimizerValue)
        return model
    }

    /// `x` as a `[samples, inputs]` tensor.
    var inputTensor: Tensor { Tensor(x.map { $0.map(Float.init) }) }
    /// `y` as a `[samples, outputs]` tensor.
    var targetTensor: Tensor { Tensor(y.map { $0.map(Float.init) }) }

    private var optimizerValue: Optimizer {
        switch optimizer.kind {
        case "sgd":
            .sgd(learningRate: Float(optimizer.learningRate))
        default:
            .adam(
                learningRate: Float(optimizer.learningRate), beta1: Float(optimizer.beta1),
                beta2: Float(optimizer.beta2), epsilon: Float(optimizer.epsilon))
        }
    }
}

extension Activation {
    /// The activation a workload names; names are checked when the config is read.
    init(name: String) {
        switch name {
        case "relu": self = .relu
        case "sigmoid": self = .sigmoid
        case "tanh": self = .tanh
        default: self = .linear
        }
    }
}
