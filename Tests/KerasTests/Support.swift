import Dataflow
import Keras

/// Runs `body` with a fresh graph and a session over it as the defaults, so a test touches no
/// process-wide state and can run alongside others.
func inFreshGraphAndSession<Result>(_ body: (Graph, Session) throws -> Result) rethrows -> Result {
    let graph = Graph()
    let session = Session(graph: graph)
    return try graph.asDefault { try session.asDefault { try body(graph, session) } }
}

/// The seed model of the classic experiment: Dense(8) then Dense(1) on 4 inputs, MSE, Adam,
/// one epoch on one sample, then one test batch.
func seedTrial() throws {
    let model = Sequential([Dense(units: 8, activation: .linear, inputShape: [4]), Dense(units: 1)])
    model.compile(loss: .meanSquaredError, optimizer: .adam())
    let x = Tensor([[1, 1, 1, 1]])
    let y = Tensor([[1]])
    _ = try model.fit(x: x, y: y, epochs: 1, batchSize: 1)
    _ = try model.testOnBatch(x: x, y: y)
}
