/// An error a caller can act on, raised while running a graph or fitting a model.
public enum DataflowError: Error, Equatable, CustomStringConvertible {
    /// The node `node`, an op of type `op`, got inputs whose shapes it cannot combine.
    case shapeMismatch(node: String, op: String, shapes: [[Int]])
    /// The placeholder `placeholder` is needed by the run but has no value in `feeds`.
    case missingFeed(placeholder: String, shape: [Int])
    /// The value fed for `placeholder` does not match its declared shape.
    case feedShapeMismatch(placeholder: String, expected: [Int], actual: [Int])
    /// The variable was read before its initializer ran in this session.
    case uninitializedVariable(String)
    /// Training data must be two tensors of rank at least 1 with the same, non-zero number of rows.
    case invalidTrainingData(x: [Int], y: [Int])

    /// What went wrong, where, and what is allowed.
    public var description: String {
        switch self {
        case let .shapeMismatch(node, op, shapes):
            "node '\(node)' (\(op)) cannot combine inputs of shapes \(shapes.map { "\($0)" }.joined(separator: " and "))"
        case let .missingFeed(placeholder, shape):
            "you must feed a value for placeholder '\(placeholder)' with shape \(shape)"
        case let .feedShapeMismatch(placeholder, expected, actual):
            "cannot feed a value of shape \(actual) for placeholder '\(placeholder)', which has shape \(expected) (-1 matches any size)"
        case let .uninitializedVariable(name):
            "attempting to use uninitialized variable '\(name)': run its initializer first"
        case let .invalidTrainingData(x, y):
            "x of shape \(x) and y of shape \(y) must have rank at least 1 and the same, non-zero number of rows"
        }
    }
}
