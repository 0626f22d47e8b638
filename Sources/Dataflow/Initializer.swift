/// How a variable gets its first value; built as graph nodes feeding the variable's `Assign`.
public enum Initializer: Sendable, Equatable {
    /// All zeros (Keras `zeros`, the default bias initializer).
    case zeros
    /// A given value, which must have the variable's shape.
    case constant(Tensor)
    /// Glorot (Xavier) uniform in `±sqrt(6 / (fanIn + fanOut))` from a seeded generator
    /// (Keras `glorot_uniform`, the default kernel initializer).
    case glorotUniform(seed: UInt64)
}
