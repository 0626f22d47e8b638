import Foundation

/// What the kernel says about a process's CPU affinity, read from `/proc`,
/// apart from the calls that set it: how tests check where workers were pinned.
public enum KernelAffinity {
    /// `Cpus_allowed_list` of `/proc/PID/task/TID/status` for each thread of
    /// `pid` (`0-3,6` style), by thread id; empty once the process has ended.
    public static func threadLists(of pid: Int32) -> [Int32: String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        var lists: [Int32: String] = [:]
        for task in tasks {
            guard let tid = Int32(task), let status = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/status", encoding: .utf8)
            else { continue }
            let line = status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }
            lists[tid] = line.map { String($0.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces)) }
        }
        return lists
    }

    /// The one CPU every thread of `pid` may run on; nil when they differ,
    /// may run on several, or the process has ended.
    public static func pinnedCPU(of pid: Int32) -> Int32? {
        let cpus = Set(threadLists(of: pid).values.map { Self.cpus(inList: $0) })
        guard cpus.count == 1, let only = cpus.first, only.count == 1 else { return nil }
        return only[0]
    }

    /// The CPUs a list such as `0-3,6` names.
    public static func cpus(inList list: String) -> [Int32] {
        list.split(separator: ",").flatMap { range -> [Int32] in
            let bounds = range.split(separator: "-").compactMap { Int32($0) }
            guard let low = bounds.first, let high = bounds.last else { return [] }
            return Array(low...high)
        }
    }
}
