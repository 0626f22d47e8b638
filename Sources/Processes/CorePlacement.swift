/// Where a run puts its pinned workers: each on one of the CPUs it may use,
/// the one that holds the fewest of its workers (the lowest-numbered of those
/// tied), so that N workers on N CPUs get one each, and kept so as workers
/// come and go.
///
/// A replacement can be placed before the worker it replaces has ended (a
/// recycled `pool` worker's successor starts while it shuts down), and then
/// lands beside another worker. So when a worker ends and leaves its CPU two
/// workers short of the fullest one, one worker moves there: ``release(_:)``
/// says which, for its caller to pin anew.
///
/// Only the run's own workers are counted: two pinned runs on one machine
/// stack theirs on the same CPUs unless each is given CPUs of its own
/// (`taskset -c 0-3 isorun run …`, `taskset -c 4-7 isorun run …`).
///
/// ```swift
/// var placement = CorePlacement<String>(cpus: [0, 1])
/// placement.take(for: "w0")      // 0
/// placement.take(for: "w1")      // 1
/// placement.take(for: "w2")      // 0: w1's successor, before w1 ends
/// placement.release("w1")        // (holder: "w2", cpu: 1): move w2 to CPU 1
/// ```
public struct CorePlacement<Holder: Hashable & Sendable>: Sendable {
    /// The CPUs workers are placed on, ascending.
    public let cpus: [Int32]
    /// The holders on each CPU of ``cpus``, in the order they came.
    private var holders: [[Holder]]

    /// - Precondition: `cpus` is not empty.
    public init(cpus: [Int32]) {
        precondition(!cpus.isEmpty, "workers are placed on at least one CPU")
        self.cpus = cpus.sorted()
        holders = Array(repeating: [], count: cpus.count)
    }

    /// Places `holder` on the CPU that holds the fewest, and returns that CPU.
    public mutating func take(for holder: Holder) -> Int32 {
        let index = holders.indices.min { holders[$0].count < holders[$1].count }!
        holders[index].append(holder)
        return cpus[index]
    }

    /// Frees the CPU of `holder`, which ended; nothing when it holds none.
    ///
    /// - Returns: the holder that moves to that CPU to keep the CPUs even, if
    ///   one does: the latest placed on the fullest CPU.
    public mutating func release(_ holder: Holder) -> (holder: Holder, cpu: Int32)? {
        guard let freed = holders.firstIndex(where: { $0.contains(holder) }) else { return nil }
        holders[freed].removeAll { $0 == holder }
        let fullest = holders.indices.max { holders[$0].count < holders[$1].count }!
        guard holders[fullest].count >= holders[freed].count + 2 else { return nil }
        let moving = holders[fullest].removeLast()
        holders[freed].append(moving)
        return (moving, cpus[freed])
    }
}
