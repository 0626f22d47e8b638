import Foundation
import TrialRecords

#if canImport(Glibc)
import Glibc
#endif

extension Figures {
    /// What `isorun report` took over one records file.
    public struct ReportCost: Sendable {
        /// From spawning `isorun report` to reaping it.
        public var time: Duration
        /// Its peak resident memory (`ru_maxrss`), in bytes.
        public var peakResidentBytes: Int
    }

    /// Writes `records` records of a four-strategy run (no-clear growing with
    /// every model, the others flat) to a file, then times `isorun report` over
    /// it and reads its peak memory; the report's text goes to `/dev/null`.
    ///
    /// - Throws: ``BenchError`` when the file cannot be written, or the report
    ///   cannot start or does not exit 0.
    public func reportCost(records count: Int) throws -> ReportCost {
        try Self.reportCost(of: executable, in: folder, records: count)
    }

    /// ``reportCost(records:)`` of `executable` (run as `EXECUTABLE report FILE`),
    /// with the file in `folder`.
    static func reportCost(of executable: String, in folder: URL, records count: Int) throws -> ReportCost {
        let file = folder.appendingPathComponent("bench-report.jsonl")
        do {
            try Data(Self.syntheticRun(records: count)).write(to: file)
        } catch {
            throw BenchError("cannot write \(file.path) for the report row: \(error)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let command = SpawnCommand(path: executable, arguments: ["report", file.path])
        let clock = ContinuousClock()
        let start = clock.now
        let pid = try command.spawn(fileActions: &actions)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 {
            guard errno == EINTR else { throw BenchError("wait4(\(pid)) for isorun report failed: \(String(cString: strerror(errno)))") }
        }
        let time = clock.now - start
        // WIFEXITED and WEXITSTATUS, which Swift does not import.
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            throw BenchError("isorun report \(file.path) ended with wait status \(status); run it by hand to see why")
        }
        return ReportCost(time: time, peakResidentBytes: usage.ru_maxrss * 1024)
    }

    /// `count` records, as JSONL: four strategies taking turns, each trial's
    /// times drawn around a mean, no-clear's growing with the models before it.
    static func syntheticRun(records count: Int) -> [UInt8] {
        let strategies: [Strategy] = [.noClear, .clear, .pool, .process]
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 620)
        for index in 0..<count {
            var record = TrialRecord.benchSample
            record.strategy = strategies[index % strategies.count]
            record.trial = index / strategies.count
            record.modelsBefore = record.strategy == .process ? 0 : record.trial
            let growth = record.strategy == .noClear ? 1e-6 * Double(record.trial) : 0
            let total = 8.5e-4 * Double.random(in: 0.9...1.1, using: &generator) + growth
            record.totalSeconds = total
            record.fitSeconds = total * 0.8
            record.wallSeconds = total + 3.5e-4
            bytes += record.jsonBytes()
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }
}
