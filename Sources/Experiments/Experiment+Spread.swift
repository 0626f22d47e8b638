import TrialRecords

extension Experiment {
    /// The fewest models one process should create for a strategy's growth to show:
    /// below it, a run spread over workers says "flat" of what grows.
    public static let modelsPerProcessForGrowth = 20

    /// The worker processes a stage of `strategy` uses when the run has `workers`:
    /// `workers` for `process` and `pool`, and for in-process strategies only when
    /// ``ClusterSettings/spreadInProcess`` is set; otherwise one.
    public func stageWorkers(for strategy: Strategy, workers: Int) -> Int {
        strategy.isolatesProcesses || cluster.spreadInProcess ? workers : 1
    }

    /// One warning per in-process strategy spread over so many workers that fewer than
    /// ``modelsPerProcessForGrowth`` models share a process; empty when none is.
    public func spreadWarnings(workers: Int) -> [String] {
        strategies.filter { !$0.isolatesProcesses }.compactMap { strategy in
            let processes = stageWorkers(for: strategy, workers: workers)
            let perProcess = trials / max(1, processes)
            guard processes > 1, perProcess < Self.modelsPerProcessForGrowth else { return nil }
            return "\(strategy)'s \(trials) trials over \(processes) workers give about \(perProcess) models per "
                + "process: growth needs about \(Self.modelsPerProcessForGrowth) models in one process to show; "
                + "drop --spread-in-process (cluster.spread_in_process) or run more trials"
        }
    }
}
