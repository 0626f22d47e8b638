import Dataflow

/// The activation a ``Dense`` layer applies after its affine map (Keras `activation=`).
public enum Activation: Sendable, Equatable {
    /// No activation: `a(x) = x`.
    case linear
    /// `max(0, x)`.
    case relu
    /// `1 / (1 + e^-x)`.
    case sigmoid
    /// The hyperbolic tangent.
    case tanh
}
