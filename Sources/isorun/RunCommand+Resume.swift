import ArgumentParser
import Experiments
import IsoRun

extension RunCommand {
    /// `--resume FILE` stands for `--out FILE --append` and takes neither, nor `--force`.
    func checkResume() throws {
        guard let resume else { return }
        if append || force {
            throw ValidationError("--resume adds to its file and keeps it; drop --append and --force")
        }
        if let out, out != resume {
            throw ValidationError("--resume \(resume) writes to that file; drop --out \(out)")
        }
    }

    /// The interrupted run that `--resume` names, checked against `experiment`:
    /// nil without `--resume`. Its torn end is not cut off yet (the run does it),
    /// but a warning says it will be.
    ///
    /// - Throws: ``UsageError`` (exit status 2) when the file or its manifest
    ///   cannot be read, or holds a run of another experiment, naming every difference.
    func resumePoint(for experiment: Experiment) throws -> ResumePoint? {
        guard let resume else { return nil }
        let point: ResumePoint
        do {
            point = try ResumePoint(records: resume)
        } catch let problem as RunManifest.Problem {
            throw UsageError("--resume \(resume): \(problem)")
        }
        let differences = RunManifest(experiment, runID: point.manifest.runID).differences(fromFile: point.manifest)
        guard differences.isEmpty else {
            throw UsageError("--resume \(resume): its run \(point.manifest.runID) is of another experiment: "
                + differences.joined(separator: "; ")
                + "; resume with the experiment file and flags that started it")
        }
        if point.tornBytes > 0 {
            printError("isorun: warning: --resume \(resume): its last \(point.tornBytes) bytes are not a whole record "
                + "(a write cut short by a crash or a power loss); they are cut off before records are added")
        }
        return point
    }

    /// What a resumed run has left, said before it starts.
    static func announce(_ point: ResumePoint, plan: RunPlan) {
        let done = Set(point.records.filter { $0.outcome == .ok }.map { "\($0.strategy) \($0.repeat) \($0.trial)" }).count
        printError("isorun: resuming run \(point.manifest.runID) in \(point.path): \(done) trials have an ok record, "
            + "\(plan.trialCount) to run")
    }
}
