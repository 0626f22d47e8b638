/// The pruned, ordered copy of a graph that one run signature needs.
///
/// Models a TF1 executor. Building one copies the session's whole node list (every node,
/// however unrelated to the fetches), marks what the fetches and targets reach backwards
/// (stopping at fed nodes), and keeps those nodes in id order, which is topological because
/// inputs always precede their consumers. Inputs are rewritten to slots in a flat value
/// array, so running is one pass over an array with no dictionary look-ups.
struct Executor: Sendable {
    /// The variable an `Assign`-like op refers to.
    struct Reference: Sendable {
        let id: Int
        let name: String
        let shape: [Int]
    }

    struct Step: Sendable {
        let op: Op
        let name: String
        /// Slots of the inputs in the value array.
        let inputs: [Int]
        /// The node's id in the graph (the index of a variable's value in the session).
        let nodeID: Int
        let isFed: Bool
        /// For variables: whether some step or fetch reads the value, not only a reference.
        let needsValue: Bool
        let reference: Reference?
    }

    /// A node of the working copy made at build time.
    private struct ClientNode {
        let node: Node
        var keep = false
        var fed = false
    }

    let steps: [Step]
    let feedSlots: [Int]
    let fetchSlots: [Int]

    /// Copies `nodes` whole, then prunes and orders the copy for `signature`.
    init(copying nodes: [Node], signature: Session.Signature) {
        var client: [ClientNode] = []
        client.reserveCapacity(nodes.count)
        for node in nodes { client.append(ClientNode(node: node)) }
        for id in signature.feeds { client[id].fed = true }

        var pending = signature.fetches + signature.targets
        while let id = pending.popLast() {
            if client[id].keep { continue }
            client[id].keep = true
            if !client[id].fed { pending.append(contentsOf: client[id].node.inputs) }
        }

        var slotOf = [Int](repeating: -1, count: client.count)
        var kept: [Int] = []
        for id in client.indices where client[id].keep {
            slotOf[id] = kept.count
            kept.append(id)
        }

        var needsValue = [Bool](repeating: false, count: kept.count)
        for id in signature.fetches { needsValue[slotOf[id]] = true }
        for id in kept where !client[id].fed {
            let node = client[id].node
            for (position, input) in node.inputs.enumerated()
            where !(position == 0 && node.op.readsVariableByReference) {
                needsValue[slotOf[input]] = true
            }
        }

        var steps: [Step] = []
        steps.reserveCapacity(kept.count)
        for (slot, id) in kept.enumerated() {
            let node = client[id].node
            var reference: Reference?
            if node.op.readsVariableByReference, let target = node.inputs.first,
               case .variable(let shape) = client[target].node.op {
                reference = Reference(id: target, name: client[target].node.name, shape: shape)
            }
            let isFed = client[id].fed
            steps.append(Step(op: node.op, name: node.name,
                              inputs: isFed ? [] : node.inputs.map { slotOf[$0] },
                              nodeID: id, isFed: isFed, needsValue: needsValue[slot], reference: reference))
        }
        self.steps = steps
        feedSlots = signature.feeds.map { slotOf[$0] }
        fetchSlots = signature.fetches.map { slotOf[$0] }
    }

    /// Runs every step once, in order, and returns the fetched values.
    ///
    /// - Parameters:
    ///   - feeds: Values for the signature's fed nodes, in signature order.
    ///   - variables: The session's variable values by node id; assignments write here.
    func run(feeds: [Tensor], variables: inout [Tensor?]) throws -> [Tensor] {
        var values = [Tensor](repeating: .empty, count: steps.count)
        for (slot, value) in zip(feedSlots, feeds) { values[slot] = value }
        for slot in steps.indices where !steps[slot].isFed {
            values[slot] = try evaluate(steps[slot], values, &variables)
        }
        return fetchSlots.map { values[$0] }
    }

    private func evaluate(_ step: Step, _ values: [Tensor], _ variables: inout [Tensor?]) throws -> Tensor {
        func input(_ position: Int) -> Tensor { values[step.inputs[position]] }
        switch step.op {
        case .placeholder(let shape):
            throw DataflowError.missingFeed(placeholder: step.name, shape: shape)
        case .constant(let value):
            return value
        case let .fill(shape, value):
            return Tensor(repeating: value, shape: shape)
        case let .randomUniform(shape, lowerBound, upperBound, seed):
            return Kernels.randomUniform(shape: shape, lowerBound: lowerBound, upperBound: upperBound, seed: seed)
        case .variable:
            guard step.needsValue else { return .empty }
            guard let value = variables[step.nodeID] else { throw DataflowError.uninitializedVariable(step.name) }
            return value
        case .assign:
            let target = reference(of: step)
            let value = input(1)
            guard value.shape == target.shape else {
                throw DataflowError.shapeMismatch(node: step.name, op: step.op.typeName, shapes: [target.shape, value.shape])
            }
            variables[target.id] = value
            return value
        case .assignAdd, .assignSub:
            let target = reference(of: step)
            guard let current = variables[target.id] else { throw DataflowError.uninitializedVariable(target.name) }
            let delta = input(1)
            guard delta.shape == current.shape else {
                throw DataflowError.shapeMismatch(node: step.name, op: step.op.typeName, shapes: [current.shape, delta.shape])
            }
            variables[target.id] = nil
            let updated = Kernels.update(consume current, by: delta, subtracting: step.op == .assignSub)
            variables[target.id] = updated
            return updated
        case .isVariableInitialized:
            return Tensor(variables[reference(of: step).id] == nil ? 0 : 1)
        case .group:
            return .empty
        case .identity:
            return input(0)
        case let .matMul(transposeA, transposeB):
            return try Kernels.matMul(input(0), input(1), transposeA: transposeA, transposeB: transposeB, node: step.name)
        case .biasAdd:
            return try Kernels.biasAdd(input(0), input(1), node: step.name)
        case .add:
            return try Kernels.broadcast(input(0), input(1), node: step.name, op: step.op) { $0 + $1 }
        case .sub:
            return try Kernels.broadcast(input(0), input(1), node: step.name, op: step.op) { $0 - $1 }
        case .mul:
            return try Kernels.broadcast(input(0), input(1), node: step.name, op: step.op) { $0 * $1 }
        case .div:
            return try Kernels.broadcast(input(0), input(1), node: step.name, op: step.op) { $0 / $1 }
        case .neg:
            return Kernels.map(input(0)) { -$0 }
        case .square:
            return Kernels.map(input(0)) { $0 * $0 }
        case .sqrt:
            return Kernels.map(input(0)) { $0.squareRoot() }
        case .mean(let axis):
            return try Kernels.mean(input(0), axis: axis, node: step.name)
        case .relu:
            return Kernels.map(input(0)) { max(0, $0) }
        case .sigmoid:
            return Kernels.map(input(0)) { 1 / (1 + Kernels.exp(-$0)) }
        case .tanh:
            return Kernels.map(input(0)) { Kernels.tanh($0) }
        case .onesLike:
            return Tensor(repeating: 1, shape: input(0).shape)
        case .zerosLike:
            return Tensor(repeating: 0, shape: input(0).shape)
        case .reluGrad:
            return try Kernels.zip(input(0), input(1), node: step.name, op: step.op) { g, y in y > 0 ? g : 0 }
        case .sigmoidGrad:
            return try Kernels.zip(input(0), input(1), node: step.name, op: step.op) { g, y in g * y * (1 - y) }
        case .tanhGrad:
            return try Kernels.zip(input(0), input(1), node: step.name, op: step.op) { g, y in g * (1 - y * y) }
        case .meanGrad(let axis):
            return try Kernels.meanGrad(input(0), like: input(1), axis: axis, node: step.name)
        case .sumLike:
            return try Kernels.sum(input(0), like: input(1), node: step.name)
        case .biasAddGrad:
            return try Kernels.biasAddGrad(input(0), node: step.name)
        }
    }

    private func reference(of step: Step) -> Reference {
        guard let reference = step.reference else {
            preconditionFailure("\(step.op.typeName) '\(step.name)' has no variable as input 0")
        }
        return reference
    }
}
