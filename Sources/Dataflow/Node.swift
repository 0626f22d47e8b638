/// One node of a ``Graph``: what it computes, its unique name and the nodes it reads.
///
/// Models a TF1 `NodeDef`. Inputs are node ids that always precede the node, so a graph's
/// append order is also a topological order.
public struct Node: Sendable, Equatable {
    /// The operation and its attributes.
    public let op: Op
    /// The node's name, unique within its graph (`dense_1/kernel`, `training/Adam/group_deps`).
    public let name: String
    /// The ids of the nodes whose outputs this node reads, in argument order.
    public let inputs: [Int]
}
