import Foundation
import Scheduler
import TrialRecords

/// Where an interrupted run stands, read back from its records file and the
/// manifest beside it, for `isorun run --resume FILE`.
///
/// The run is the manifest's: lines of other runs (added with `--append`) are
/// left alone. A torn end of the file (a power loss in the middle of a write,
/// or lines that no longer read as records after the last one that does) is
/// found here and cut off by ``cutTornEnd()``; a bad line before a good one is
/// refused, since it is not what a crash leaves.
public struct ResumePoint: Sendable {
    /// The records file.
    public let path: String
    /// The interrupted run's identity.
    public let manifest: RunManifest
    /// The run's records in the file, in file order.
    public let records: [TrialRecord]
    /// The file's size up to the end of its last line that reads as a record.
    public let wholeSize: Int
    /// Bytes after that: a torn end, cut off by ``cutTornEnd()``.
    public let tornBytes: Int

    /// Reads `path` and its manifest without changing either.
    ///
    /// - Throws: ``RunManifest/Problem`` when the file or its manifest is
    ///   missing or unreadable, or a line other than the last ones is not a record.
    public init(records path: String) throws {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunManifest.Problem(description: "\(path) cannot be read (no such file, or not a file)")
        }
        let manifest = try RunManifest.read(RunManifest.path(besideRecords: path))
        self.manifest = manifest
        let bytes = [UInt8](data)
        var parsed: [TrialRecord] = []
        var whole = 0
        var firstBadLine: Int?
        var start = 0
        var lineNumber = 0
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            let line = String(decoding: bytes[start..<(end ?? bytes.count)], as: UTF8.self)
            let next = end.map { $0 + 1 } ?? bytes.count
            defer { start = next }
            if line.allSatisfy(\.isWhitespace), end != nil {
                if firstBadLine == nil { whole = next }
                continue
            }
            guard end != nil, let record = try? RecordReader.parse(line, file: path, strict: true).records.first else {
                firstBadLine = firstBadLine ?? lineNumber
                continue
            }
            if let bad = firstBadLine {
                throw RunManifest.Problem(description: "\(path):\(bad) is not a record, and records follow it: "
                    + "--resume continues a file that only a crash has cut short; remove that line first")
            }
            parsed.append(record)
            whole = next
        }
        records = parsed.filter { $0.runID == manifest.runID }
        wholeSize = whole
        tornBytes = bytes.count - whole
    }

    /// Cuts the torn end off the file, if it has one.
    ///
    /// - Throws: ``RunManifest/Problem`` when the file cannot be truncated.
    public func cutTornEnd() throws {
        guard tornBytes > 0 else { return }
        guard truncate(path, off_t(wholeSize)) == 0 else {
            let reason = String(cString: strerror(errno))
            throw RunManifest.Problem(description: "\(path): cannot cut off its torn last line: \(reason.lowercased())")
        }
    }

    /// The trials that have an `ok` record, and the highest attempt each trial has seen.
    var attempts: (ok: Set<TrialKey>, highest: [TrialKey: Int]) {
        var ok: Set<TrialKey> = []
        var highest: [TrialKey: Int] = [:]
        for record in records {
            let key = TrialKey(strategy: record.strategy, repeat: record.repeat, trial: record.trial)
            if record.outcome == .ok { ok.insert(key) }
            highest[key] = max(highest[key] ?? 0, record.attempt)
        }
        return (ok, highest)
    }

    /// One trial of a plan: its strategy, repeat and index.
    struct TrialKey: Hashable {
        var strategy: Strategy
        var `repeat`: Int
        var trial: Int
    }
}

extension RunPlan {
    /// The rest of an interrupted run: its run id, and the trials of `experiment`
    /// with no `ok` record at `point`, each at the attempt after the last one
    /// it had; stages left with no trial are dropped.
    public init(_ experiment: Experiment, resuming point: ResumePoint) {
        let full = RunPlan(experiment, runID: point.manifest.runID)
        let (ok, highest) = point.attempts
        let stages = full.stages.compactMap { stage -> Stage? in
            var stage = stage
            stage.trials = stage.trials.compactMap { spec in
                let key = ResumePoint.TrialKey(strategy: spec.strategy, repeat: spec.repeat, trial: spec.trial)
                guard !ok.contains(key) else { return nil }
                var spec = spec
                spec.attempt = (highest[key] ?? 0) + 1
                return spec
            }
            return stage.trials.isEmpty ? nil : stage
        }
        self.init(experiment, runID: point.manifest.runID, stages: stages)
    }
}
