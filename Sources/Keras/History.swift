import Dataflow

/// What ``Sequential/fit(x:y:epochs:batchSize:)`` returns (Keras `History.history`).
public struct History: Sendable, Equatable {
    /// The mean training loss of each epoch, weighted by batch size, in epoch order.
    public var loss: [Float]
}
