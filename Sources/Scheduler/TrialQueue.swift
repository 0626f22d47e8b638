import TrialRecords

/// A stage's trials not yet handed out, in the order they are to be sent, with
/// retries put in front. Taking the next trial and putting one back in front
/// both cost O(1): the trials are kept last-first, so both happen at the
/// array's end. (An `Array.removeFirst()` moved every remaining trial on each
/// dispatch, about 7 µs a trial of a 3000-trial pool stage in a profile.)
struct TrialQueue: Sendable {
    /// The trials, the next one last.
    private var reversed: [TrialSpec]

    /// A queue holding `trials`, the first of them next.
    init(_ trials: [TrialSpec] = []) {
        reversed = trials.reversed()
    }

    var isEmpty: Bool { reversed.isEmpty }
    var count: Int { reversed.count }

    /// Takes the next trial.
    ///
    /// - Precondition: the queue is not empty.
    mutating func removeFirst() -> TrialSpec {
        precondition(!reversed.isEmpty, "TrialQueue.removeFirst on an empty queue")
        return reversed.removeLast()
    }

    /// Puts `spec` in front: it is the next trial taken.
    mutating func putFirst(_ spec: TrialSpec) {
        reversed.append(spec)
    }

    mutating func removeAll() {
        reversed.removeAll()
    }
}
