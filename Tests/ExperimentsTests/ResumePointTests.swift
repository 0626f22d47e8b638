import Foundation
import Testing
import TrialRecords
@testable import Experiments

@Suite struct ResumePointTests {
    private let experiment = Experiment(name: "e", strategies: [.clear, .process], trials: 3)
    private let runID = "00000000000000aa"

    @Test func aFileWithNoRecordsResumesEveryTrial() throws {
        try withRun(lines: []) { path in
            let point = try ResumePoint(records: path)
            #expect(point.records.isEmpty && point.tornBytes == 0)
            let plan = RunPlan(experiment, resuming: point)
            #expect(plan.runID == runID)
            #expect(plan.trialCount == 6)
        }
    }

    @Test func trialsWithAnOKRecordAreSkippedAndOthersRunAtTheirNextAttempt() throws {
        let lines = [
            record(.clear, 0, outcome: .ok),
            record(.clear, 1, outcome: .workerLost),
            record(.clear, 1, attempt: 2, outcome: .failed),
            record(.process, 2, outcome: .ok),
            record(.process, 0, outcome: .ok, runID: "00000000000000bb"),
        ]
        try withRun(lines: lines) { path in
            let point = try ResumePoint(records: path)
            #expect(point.records.count == 4, "another run's record is not this run's")
            let plan = RunPlan(experiment, resuming: point)
            let left = plan.stages.flatMap(\.trials).map { "\($0.strategy) \($0.trial) a\($0.attempt)" }
            #expect(left == ["clear 1 a3", "clear 2 a1", "process 0 a1", "process 1 a1"])
            #expect(plan.trialsPerStrategy.map(\.trials) == [2, 2])
        }
    }

    @Test func aStageWithEveryTrialDoneIsDropped() throws {
        try withRun(lines: (0..<3).map { record(.clear, $0, outcome: .ok) }) { path in
            let plan = RunPlan(experiment, resuming: try ResumePoint(records: path))
            #expect(plan.stages.map(\.strategy) == [.process])
            #expect(plan.trialsPerStrategy.map(\.strategy) == ["process"])
        }
    }

    @Test func aTornEndIsFoundAndCutOff() throws {
        let whole = [record(.clear, 0, outcome: .ok), record(.clear, 1, outcome: .ok)]
        let torn = String(record(.clear, 2, outcome: .ok).prefix(40))
        try withRun(lines: whole, tail: torn) { path in
            let point = try ResumePoint(records: path)
            #expect(point.records.count == 2)
            #expect(point.tornBytes == torn.utf8.count)
            try point.cutTornEnd()
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text == whole.map { $0 + "\n" }.joined())
        }
    }

    @Test func aBadLineBeforeAGoodOneIsRefusedByLineNumber() throws {
        let lines = [record(.clear, 0, outcome: .ok), "{\"not\": \"a record\"}", record(.clear, 1, outcome: .ok)]
        try withRun(lines: lines) { path in
            #expect {
                try ResumePoint(records: path)
            } throws: { error in
                "\(error)".contains("\(path):2 is not a record, and records follow it")
            }
        }
    }

    @Test func aMissingManifestIsSaid() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("r.jsonl").path
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        #expect {
            try ResumePoint(records: path)
        } throws: { error in
            "\(error)".contains("\(folder.path)/r.run.json is missing")
        }
    }

    @Test func theManifestNamesEveryDifferenceAndIgnoresWorkersAndTimeouts() throws {
        let mine = RunManifest(experiment, runID: runID)
        var other = experiment
        other.cluster.workers = 7
        other.cluster.retries = 3
        other.cluster.trialTimeoutSeconds = 5
        #expect(RunManifest(other, runID: "00000000000000ff").differences(fromFile: mine).isEmpty)
        other.trials = 4
        other.strategies = [.clear]
        other.workload.epochs = 2
        other.cluster.launch = .exec
        let differences = RunManifest(other, runID: runID).differences(fromFile: mine)
        #expect(differences == [
            "strategies is clear,process in the file's run, clear here",
            "trials is 3 in the file's run, 4 here",
            "the workload ([model], [optimizer], [fit] or [workload]) differs",
            "launch is fork-server in the file's run, exec here",
        ])
    }

    @Test func theManifestReadsBackWhatWasWritten() throws {
        try withRun(lines: []) { path in
            let read = try RunManifest.read(RunManifest.path(besideRecords: path))
            #expect(read == RunManifest(experiment, runID: runID))
        }
    }

    // MARK: Helpers

    /// A records file holding `lines` (and `tail` after the last newline), with
    /// the manifest of `experiment` beside it.
    private func withRun(lines: [String], tail: String = "", _ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("r.jsonl").path
        let text = lines.map { $0 + "\n" }.joined() + tail
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        try RunManifest(experiment, runID: runID).write(besideRecords: path)
        try body(path)
    }

    private func record(
        _ strategy: Strategy, _ trial: Int, attempt: Int = 1, outcome: Outcome, runID: String? = nil
    ) -> String {
        TrialRecord(
            runID: runID ?? self.runID, experiment: "e", strategy: strategy, trial: trial, attempt: attempt,
            worker: "w1", pid: 1, host: "h", launch: .exec, startedAt: "2026-12-03T12:00:00.000000Z",
            modelsBefore: 0, outcome: outcome, reason: outcome == .ok ? nil : "lost"
        ).jsonLine()
    }
}
