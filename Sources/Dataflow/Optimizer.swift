/// A gradient-descent optimizer whose whole update step is built as graph nodes.
///
/// Models Keras 2 optimizers on TF1: building the train step adds the gradient nodes
/// (``Graph/gradients(of:with:)``), the optimizer's slot variables and constants, and one
/// assignment per variable and slot, grouped into a single target. All of it stays in the graph.
public struct Optimizer: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case sgd(learningRate: Float)
        case adam(learningRate: Float, beta1: Float, beta2: Float, epsilon: Float)
    }

    let kind: Kind

    /// Plain stochastic gradient descent: `p -= learningRate * g` (Keras `SGD`, default rate 0.01).
    public static func sgd(learningRate: Float = 0.01) -> Optimizer {
        precondition(learningRate > 0, "SGD learning rate \(learningRate) must be positive")
        return Optimizer(kind: .sgd(learningRate: learningRate))
    }

    /// Adam with Keras' defaults and bias correction.
    ///
    /// For step `t = 1, 2, ...`: `lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)`,
    /// `m = beta1 * m + (1 - beta1) * g`, `v = beta2 * v + (1 - beta2) * g²`,
    /// `p -= lr_t * m / (sqrt(v) + epsilon)`. The slots `m` and `v` of every variable and the
    /// accumulators `beta1^t`, `beta2^t` are variables of the graph (as in TF1 `AdamOptimizer`).
    public static func adam(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999,
                            epsilon: Float = 1e-7) -> Optimizer {
        precondition(learningRate > 0, "Adam learning rate \(learningRate) must be positive")
        precondition((0..<1).contains(beta1) && (0..<1).contains(beta2), "Adam betas \(beta1), \(beta2) must be in 0..<1")
        return Optimizer(kind: .adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon))
    }

    /// The Keras class name, used as the scope of the optimizer's nodes (`SGD`, `Adam`).
    public var name: String {
        switch kind {
        case .sgd: "SGD"
        case .adam: "Adam"
        }
    }

    /// Builds the gradients of `loss` and one update step for `variables`, under a unique
    /// `training/<name>` scope, and returns the target that runs the whole step.
    ///
    /// Running the target once applies one step; every node reads the variables as they were
    /// before the step.
    /// - Parameters:
    ///   - loss: The scalar to minimise.
    ///   - variables: The variables to update.
    ///   - graph: The graph that holds `loss` and `variables`.
    public func minimize(_ loss: Output, variables: [Output], in graph: Graph) -> Output {
        let scope = "\(graph.uniqueScope("training"))/\(name)"
        let gradients = graph.gradients(of: loss, with: variables, scope: "\(scope)/gradients")
        func constant(_ value: Float, _ name: String) -> Output {
            graph.constant(Tensor(value), name: "\(scope)/\(name)")
        }
        var updates: [Output] = []
        switch kind {
        case .sgd(let learningRate):
            let rate = constant(learningRate, "lr")
            for (variable, gradient) in zip(variables, gradients) {
                let base = "\(scope)/\(graph.node(variable).name)"
                let step = graph.mul(rate, gradient, name: "\(base)/mul")
                updates.append(graph.assignSub(variable, step, name: "\(base)/AssignSub"))
            }
        case let .adam(learningRate, beta1, beta2, epsilon):
            let beta1Power = graph.variable(shape: [], initializer: .constant(Tensor(beta1)), name: "\(scope)/beta1_power")
            let beta2Power = graph.variable(shape: [], initializer: .constant(Tensor(beta2)), name: "\(scope)/beta2_power")
            let one = constant(1, "one")
            let correction = graph.div(graph.sqrt(graph.sub(one, beta2Power, name: "\(scope)/sub"), name: "\(scope)/Sqrt"),
                                       graph.sub(one, beta1Power, name: "\(scope)/sub_1"), name: "\(scope)/truediv")
            let rate = graph.mul(constant(learningRate, "lr"), correction, name: "\(scope)/lr_t")
            let b1 = constant(beta1, "beta_1")
            let b2 = constant(beta2, "beta_2")
            let oneMinusB1 = constant(1 - beta1, "one_minus_beta_1")
            let oneMinusB2 = constant(1 - beta2, "one_minus_beta_2")
            let eps = constant(epsilon, "epsilon")
            for (variable, gradient) in zip(variables, gradients) {
                let base = "\(scope)/\(graph.node(variable).name)"
                let shape = graph.shape(ofVariable: variable)
                let m = graph.variable(shape: shape, initializer: .zeros, name: "\(base)/m")
                let v = graph.variable(shape: shape, initializer: .zeros, name: "\(base)/v")
                let mT = graph.add(graph.mul(b1, m, name: "\(base)/mul"), graph.mul(oneMinusB1, gradient, name: "\(base)/mul_1"),
                                   name: "\(base)/m_t")
                let vT = graph.add(graph.mul(b2, v, name: "\(base)/mul_2"),
                                   graph.mul(oneMinusB2, graph.square(gradient, name: "\(base)/Square"), name: "\(base)/mul_3"),
                                   name: "\(base)/v_t")
                let denominator = graph.add(graph.sqrt(vT, name: "\(base)/Sqrt"), eps, name: "\(base)/add")
                let step = graph.div(graph.mul(rate, mT, name: "\(base)/mul_4"), denominator, name: "\(base)/truediv")
                updates.append(graph.assign(m, mT, name: "\(base)/Assign"))
                updates.append(graph.assign(v, vT, name: "\(base)/Assign_1"))
                updates.append(graph.assignSub(variable, step, name: "\(base)/AssignSub"))
            }
            updates.append(graph.assign(beta1Power, graph.mul(beta1Power, b1, name: "\(scope)/mul"), name: "\(scope)/Assign"))
            updates.append(graph.assign(beta2Power, graph.mul(beta2Power, b2, name: "\(scope)/mul_1"), name: "\(scope)/Assign_1"))
        }
        return graph.group(updates, name: "\(scope)/group_deps")
    }
}
