/// A handle to the single output of one node in a ``Graph``.
///
/// Every op in this engine has exactly one output, so an `Output` also names its node
/// (TF1's `tf.Tensor` and `tf.Operation` collapse into one handle). Use it to fetch a value,
/// feed a value, or run a node for its effect.
public struct Output: Hashable, Sendable, CustomStringConvertible {
    /// The node's position in its graph's append-only node list.
    public let id: Int
    /// The serial number of the graph the node belongs to.
    let graphSerial: Int

    init(id: Int, graphSerial: Int) {
        self.id = id
        self.graphSerial = graphSerial
    }

    /// A textual form such as `Output(3 in graph 1)`.
    public var description: String { "Output(\(id) in graph \(graphSerial))" }
}
