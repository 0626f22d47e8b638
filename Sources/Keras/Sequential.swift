import Dataflow

/// A stack of ``Dense`` layers trained as one model (Keras `Sequential`).
///
/// The model's nodes go into the default graph current at its creation. As in Keras 2 on TF1:
/// ``compile(loss:optimizer:)`` adds the target placeholder and loss nodes; the train function
/// (gradients and optimizer updates) is built at the first ``fit(x:y:epochs:batchSize:)``
/// (`_make_train_function`); the test function of ``testOnBatch(x:y:)`` adds no nodes (as Keras'
/// `_make_test_function` adds none without metrics) but its first run is a new signature, so a new
/// executor; and every call runs in ``Backend/session`` as it is at the time of the call.
public final class Sequential {
    private struct Compiled {
        let optimizer: Optimizer
        let target: Output
        let totalLoss: Output
        var trainTarget: Output?
    }

    /// The model's unique name in its graph (`sequential_1`).
    public let name: String
    /// The graph the model's nodes live in.
    public let graph: Graph
    /// The layers, in order.
    public private(set) var layers: [Dense] = []
    /// The input placeholder, `[-1] + inputShape`, once the first layer is added.
    public private(set) var input: Output?
    /// The last layer's output, once a layer is added.
    public private(set) var output: Output?
    private var compiled: Compiled?

    /// Creates a model in the current default graph and adds `layers` in order.
    ///
    /// - Parameter layers: The layers; the first must have an `inputShape`.
    public init(_ layers: [Dense] = []) {
        graph = Graph.current
        name = graph.uniqueName("sequential")
        for layer in layers { add(layer) }
    }

    /// Appends a layer, connecting it to the previous layer's output (or to a new input
    /// placeholder named `<layer>_input` for the first layer).
    ///
    /// - Parameter layer: A layer created in this model's graph, not part of another model.
    public func add(_ layer: Dense) {
        precondition(compiled == nil, "add layer '\(layer.name)' to '\(name)' before compile")
        precondition(layer.graph === graph, "layer '\(layer.name)' was created in another graph than model '\(name)'")
        let connected: Output
        if let previous = layers.last, let output {
            connected = layer.connect(to: output, inputDimension: previous.units)
        } else {
            guard let inputShape = layer.inputShape else {
                preconditionFailure("the first layer of '\(name)', '\(layer.name)', needs an inputShape")
            }
            let placeholder = graph.placeholder(shape: [-1] + inputShape, name: "\(layer.name)_input")
            input = placeholder
            connected = layer.connect(to: placeholder, inputDimension: inputShape[0])
        }
        output = connected
        layers.append(layer)
    }

    /// Adds the target placeholder (`<last layer>_target`) and the loss nodes under a unique
    /// `loss` scope, and chooses the optimizer for the train function built by the first fit.
    ///
    /// - Parameters:
    ///   - loss: The loss to minimise.
    ///   - optimizer: The optimizer.
    public func compile(loss: Loss, optimizer: Optimizer) {
        guard let output, let last = layers.last else { preconditionFailure("compile '\(name)' after adding a layer") }
        let target = graph.placeholder(shape: [-1, last.units], name: "\(last.name)_target")
        let scope = "\(graph.uniqueScope("loss"))/\(last.name)_loss"
        let totalLoss = loss.build(prediction: output, target: target, in: graph, scope: scope)
        compiled = Compiled(optimizer: optimizer, target: target, totalLoss: totalLoss)
    }

    /// Trains the model on `x` and `y` in batches, in order (without shuffling).
    ///
    /// ```swift
    /// let model = Sequential([Dense(units: 1, inputShape: [1])])
    /// model.compile(loss: .meanSquaredError, optimizer: .sgd(learningRate: 0.1))
    /// let history = try model.fit(x: Tensor([[0], [1]]), y: Tensor([[1], [3]]), epochs: 100, batchSize: 2)
    /// print(history.loss.last!)
    /// ```
    ///
    /// The first call builds the train function; each batch then runs it in ``Backend/session``.
    /// - Parameters:
    ///   - x: Inputs, `[samples] + inputShape`.
    ///   - y: Targets, `[samples, units]`.
    ///   - epochs: Passes over the data.
    ///   - batchSize: Samples per step; the last batch may be smaller.
    /// - Returns: The mean loss of each epoch.
    /// - Throws: ``DataflowError/invalidTrainingData(x:y:)`` if `x` and `y` do not have the same,
    ///   non-zero number of rows, and any error of ``Session/run(fetches:feeds:targets:)``, such as
    ///   a feed shape mismatch.
    public func fit(x: Tensor, y: Tensor, epochs: Int = 1, batchSize: Int = 32) throws -> History {
        precondition(epochs >= 0, "epochs \(epochs) must not be negative")
        precondition(batchSize > 0, "batchSize \(batchSize) must be positive")
        let (input, compiled) = requireCompiled("fit")
        let samples = try sampleCount(x, y)
        let trainTarget = compiled.trainTarget ?? makeTrainFunction()
        var history = History(loss: [])
        for _ in 0..<epochs {
            var total: Float = 0
            var start = 0
            while start < samples {
                let end = min(start + batchSize, samples)
                let values = try Backend.session.run(fetches: [compiled.totalLoss],
                                                     feeds: [input: x.rows(start..<end), compiled.target: y.rows(start..<end)],
                                                     targets: [trainTarget])
                total += values[0].scalars[0] * Float(end - start)
                start = end
            }
            history.loss.append(total / Float(samples))
        }
        return history
    }

    /// The loss on one batch, without training (Keras `test_on_batch`).
    ///
    /// - Parameters:
    ///   - x: Inputs, `[samples] + inputShape`.
    ///   - y: Targets, `[samples, units]`.
    /// - Returns: The loss.
    /// - Throws: As ``fit(x:y:epochs:batchSize:)``.
    public func testOnBatch(x: Tensor, y: Tensor) throws -> Float {
        let (input, compiled) = requireCompiled("testOnBatch")
        _ = try sampleCount(x, y)
        let values = try Backend.session.run(fetches: [compiled.totalLoss], feeds: [input: x, compiled.target: y])
        return values[0].scalars[0]
    }

    /// The model's output for `x`, computed in one run.
    ///
    /// - Parameter x: Inputs, `[samples] + inputShape`.
    /// - Returns: Outputs, `[samples, units]`.
    /// - Throws: Any error of ``Session/run(fetches:feeds:targets:)``, such as a feed shape mismatch.
    public func predict(_ x: Tensor) throws -> Tensor {
        guard let input, let output else { preconditionFailure("predict with '\(name)' after adding a layer") }
        return try Backend.session.run(fetches: [output], feeds: [input: x])[0]
    }

    /// Keras `_make_train_function`: gradients and optimizer updates for every layer variable.
    private func makeTrainFunction() -> Output {
        guard let compiled else { preconditionFailure("'\(name)' is not compiled") }
        let variables = layers.flatMap { [$0.kernel, $0.bias].compactMap { $0 } }
        let target = compiled.optimizer.minimize(compiled.totalLoss, variables: variables, in: graph)
        self.compiled?.trainTarget = target
        return target
    }

    private func requireCompiled(_ caller: String) -> (Output, Compiled) {
        guard let input, let compiled else { preconditionFailure("call compile(loss:optimizer:) on '\(name)' before \(caller)") }
        return (input, compiled)
    }

    private func sampleCount(_ x: Tensor, _ y: Tensor) throws -> Int {
        guard x.rank >= 1, y.rank >= 1, x.shape[0] == y.shape[0], x.shape[0] > 0 else {
            throw DataflowError.invalidTrainingData(x: x.shape, y: y.shape)
        }
        return x.shape[0]
    }
}
