import Dataflow

/// A training loss, built as graph nodes by ``Sequential/compile(loss:optimizer:)``.
public enum Loss: Sendable, Equatable {
    /// Keras `mean_squared_error`: `mean(square(prediction - target), axis: -1)` per sample,
    /// then the mean over the batch.
    case meanSquaredError

    /// Adds the loss nodes under `scope` and returns the scalar batch loss.
    func build(prediction: Output, target: Output, in graph: Graph, scope: String) -> Output {
        switch self {
        case .meanSquaredError:
            let difference = graph.sub(prediction, target, name: "\(scope)/sub")
            let squared = graph.square(difference, name: "\(scope)/Square")
            let perSample = graph.mean(squared, axis: -1, name: "\(scope)/Mean")
            return graph.mean(perSample, name: "\(scope)/Mean_1")
        }
    }
}
