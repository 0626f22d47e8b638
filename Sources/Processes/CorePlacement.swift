/// Where a run puts its pinned workers: each on one of the CPUs it may use,
/// the one that holds the fewest of its workers so far (the lowest-numbered of
/// those tied), so that N workers on N CPUs get one each.
///
/// Only the run's own workers are counted: two pinned runs on one machine
/// stack theirs on the same CPUs unless each is given CPUs of its own
/// (`taskset -c 0-3 isorun run …`, `taskset -c 4-7 isorun run …`).
///
/// ```swift
/// var placement = CorePlacement(cpus: [0, 1])
/// placement.take()       // 0
/// placement.take()       // 1
/// placement.release(0)
/// placement.take()       // 0
/// ```
public struct CorePlacement: Sendable {
    /// The CPUs workers are placed on, ascending.
    public let cpus: [Int32]
    /// How many placed workers each CPU of ``cpus`` holds.
    private var holders: [Int]

    /// - Precondition: `cpus` is not empty.
    public init(cpus: [Int32]) {
        precondition(!cpus.isEmpty, "workers are placed on at least one CPU")
        self.cpus = cpus.sorted()
        holders = Array(repeating: 0, count: cpus.count)
    }

    /// The CPU that holds the fewest workers, now holding one more.
    public mutating func take() -> Int32 {
        let index = holders.indices.min { holders[$0] < holders[$1] }!
        holders[index] += 1
        return cpus[index]
    }

    /// A worker placed on `cpu` by ``take()`` has ended.
    public mutating func release(_ cpu: Int32) {
        guard let index = cpus.firstIndex(of: cpu), holders[index] > 0 else {
            preconditionFailure("CPU \(cpu) holds no worker placed here")
        }
        holders[index] -= 1
    }
}
