import Synchronization

/// Hands out a distinct serial number to every graph, so an ``Output`` can be checked
/// against the graph it is used with.
private let graphSerials = Mutex<Int>(0)

/// A dataflow graph: an append-only list of nodes, the per-graph name counters and the
/// registry of its variables.
///
/// Models TF1 `tf.Graph`. Nodes are only ever appended, never removed, exactly as ops
/// accumulate in a TF1 graph until it is replaced; everything that copies "the whole graph"
/// (a session's import, every executor build) therefore pays for every node ever added.
///
/// Build nodes with the op methods (`placeholder`, `variable`, `matMul`, ...), then run them
/// in a ``Session``. A graph may be shared between threads: its state lives behind a mutex.
public final class Graph: Sendable {
    struct VariableRecord: Sendable {
        let variable: Int
        let initializer: Int
        let shape: [Int]
        /// Keras' `_keras_initialized` attribute: set once the Keras backend has checked
        /// the variable. Like the Python attribute it lives with the variable, not the session.
        var kerasInitialized = false
    }

    struct State: Sendable {
        var nodes: [Node] = []
        var idsByName: [String: Int] = [:]
        /// TF1 `Graph._names_in_use`: how often each node or scope name was asked for.
        var namesInUse: [String: Int] = [:]
        /// Keras `PER_GRAPH_LAYER_NAME_UIDS[graph]`: the `get_uid` counter per prefix.
        var layerUIDs: [String: Int] = [:]
        var variables: [VariableRecord] = []
        var variableIndexByNode: [Int: Int] = [:]

        /// TF1 `Graph.unique_name`: `base` the first time, then `base_1`, `base_2`, ...
        mutating func uniqueName(_ base: String) -> String {
            var count = namesInUse[base, default: 0]
            namesInUse[base] = count + 1
            if count == 0 { return base }
            var candidate: String
            repeat {
                candidate = "\(base)_\(count)"
                count += 1
            } while namesInUse[candidate] != nil
            namesInUse[candidate] = 1
            return candidate
        }
    }

    package let serial: Int
    private let state = Mutex(State())

    /// Creates an empty graph with fresh name counters.
    public init() {
        serial = graphSerials.withLock { last in
            last += 1
            return last
        }
    }

    /// The number of nodes ever added to the graph.
    public var nodeCount: Int { state.withLock { $0.nodes.count } }

    /// The number of variables in the graph (TF1 `tf.global_variables()`).
    public var variableCount: Int { state.withLock { $0.variables.count } }

    /// Every variable in the graph, in creation order.
    public var variables: [Output] {
        let serial = serial
        return state.withLock { state in state.variables.map { Output(id: $0.variable, graphSerial: serial) } }
    }

    /// Returns `prefix_1`, `prefix_2`, ... on successive calls with the same prefix.
    ///
    /// Models Keras' `backend.get_uid(prefix)`, whose counters are kept per graph: they keep
    /// counting for as long as the graph lives, and start over in a new graph.
    public func uniqueName(_ prefix: String) -> String {
        state.withLock { state in
            let uid = state.layerUIDs[prefix, default: 0] + 1
            state.layerUIDs[prefix] = uid
            return "\(prefix)_\(uid)"
        }
    }

    /// The node behind `output`, which must belong to this graph.
    public func node(_ output: Output) -> Node {
        checkOwnership(output, role: "node lookup")
        return state.withLock { $0.nodes[output.id] }
    }

    /// The node with the given name, if there is one.
    public func output(named name: String) -> Output? {
        state.withLock { $0.idsByName[name] }.map { Output(id: $0, graphSerial: serial) }
    }

    /// The `Assign` node that gives `variable` its initial value.
    public func initializer(for variable: Output) -> Output {
        Output(id: variableRecord(variable).initializer, graphSerial: serial)
    }

    /// The declared shape of `variable`.
    public func shape(ofVariable variable: Output) -> [Int] {
        variableRecord(variable).shape
    }

    /// Reserves a unique scope name (`training`, then `training_1`, ...), as TF1's `name_scope`.
    package func uniqueScope(_ base: String) -> String {
        state.withLock { $0.uniqueName(base) }
    }

    /// Appends a node named `name` (made unique) and returns its output.
    func addNode(_ op: Op, name: String, inputs: [Output]) -> Output {
        for input in inputs { checkOwnership(input, role: "input of \(op.typeName) '\(name)'") }
        let id = state.withLock { state in
            let id = state.nodes.count
            let unique = state.uniqueName(name)
            state.nodes.append(Node(op: op, name: unique, inputs: inputs.map(\.id)))
            state.idsByName[unique] = id
            return id
        }
        return Output(id: id, graphSerial: serial)
    }

    /// Records `variable` and the `Assign` node that initialises it.
    func registerVariable(_ variable: Output, initializer: Output, shape: [Int]) {
        state.withLock { state in
            state.variableIndexByNode[variable.id] = state.variables.count
            state.variables.append(VariableRecord(variable: variable.id, initializer: initializer.id, shape: shape))
        }
    }

    /// Copies the nodes from `start` onwards to the end of `nodes`, one by one, and returns how many.
    func copyNodes(from start: Int, to nodes: inout [Node]) -> Int {
        state.withLock { state in
            guard start < state.nodes.count else { return 0 }
            nodes.reserveCapacity(state.nodes.count)
            for node in state.nodes[start...] { nodes.append(node) }
            return state.nodes.count - start
        }
    }

    /// The current node list (shared, copy-on-write), for building gradients.
    func nodesSnapshot() -> [Node] {
        state.withLock { $0.nodes }
    }

    /// The variables not yet marked Keras-initialised, found by scanning all variables.
    package func kerasCandidateVariables() -> [Output] {
        let serial = serial
        return state.withLock { state in
            var candidates: [Output] = []
            for record in state.variables where !record.kerasInitialized {
                candidates.append(Output(id: record.variable, graphSerial: serial))
            }
            return candidates
        }
    }

    /// Marks `variables` as checked by the Keras backend.
    package func markKerasInitialized(_ variables: [Output]) {
        state.withLock { state in
            for variable in variables {
                if let index = state.variableIndexByNode[variable.id] { state.variables[index].kerasInitialized = true }
            }
        }
    }

    func checkOwnership(_ output: Output, role: @autoclosure () -> String) {
        precondition(output.graphSerial == serial,
                     "\(output) used as \(role()) belongs to graph \(output.graphSerial), not to graph \(serial)")
    }

    private func variableRecord(_ variable: Output) -> VariableRecord {
        checkOwnership(variable, role: "variable")
        return state.withLock { state in
            guard let index = state.variableIndexByNode[variable.id] else {
                preconditionFailure("node \(variable.id) ('\(state.nodes[variable.id].name)') is not a variable")
            }
            return state.variables[index]
        }
    }
}
