@testable import Dataflow

/// Runs `body` with a fresh graph and a session over it as the defaults, so a test touches no
/// process-wide state and can run alongside others.
func inFreshGraphAndSession<Result>(_ body: (Graph, Session) throws -> Result) rethrows -> Result {
    let graph = Graph()
    let session = Session(graph: graph)
    return try graph.asDefault { try session.asDefault { try body(graph, session) } }
}

/// A small deterministic generator of test inputs.
struct TestValues {
    private var generator: RandomGenerator

    init(seed: UInt64) {
        generator = RandomGenerator(seed: seed)
    }

    /// A tensor of `shape` with magnitudes in `minimum..<minimum + 1` and random signs unless `positive`.
    mutating func tensor(_ shape: [Int], minimum: Float = 0.2, positive: Bool = false) -> Tensor {
        let count = shape.reduce(1, *)
        var scalars: [Float] = []
        for _ in 0..<count {
            let magnitude = minimum + generator.nextUnitFloat()
            let negative = !positive && generator.next() & 1 == 1
            scalars.append(negative ? -magnitude : magnitude)
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}
