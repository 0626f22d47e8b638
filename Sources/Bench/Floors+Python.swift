/// What Python's `multiprocessing` takes for the jobs IsoRun's `pool` and
/// `process` strategies do, measured on this machine in the same run.
public struct PythonMultiprocessing: Sendable, Hashable {
    /// `Pool(1).apply` of an empty function, fork context, one long-lived
    /// worker, placed as asked (``Floors/pythonMultiprocessing(applies:freshTasks:placement:)``).
    public let poolApply: DurationFigure
    /// A task in `Pool(1, maxtasksperchild=1)` with fork: a new process per task.
    public let freshFork: DurationFigure
    /// The same with spawn: a new interpreter per task.
    public let freshSpawn: DurationFigure
}

extension Floors {
    /// Runs `Benchmarks/Floors/multiprocessing_floor.py` with `python3` from `PATH`.
    ///
    /// - Parameters:
    ///   - applies: How many pooled `apply` calls to time, 1 or more.
    ///   - freshTasks: How many tasks to time in each one-task-per-process pool, 1 or more.
    ///   - placement: the CPUs of the `apply` pool's parent and its worker, as
    ///     IsoRun's `pool` row is placed; nil leaves them to the kernel. The
    ///     fresh pools are always left to it, as IsoRun's `process` rows are.
    /// - Returns: The medians; `nil` when `python3` is not on `PATH`.
    /// - Throws: ``BenchError`` when the script fails or prints no medians.
    public func pythonMultiprocessing(
        applies: Int, freshTasks: Int, placement: DispatchPlacement? = nil
    ) throws(BenchError) -> PythonMultiprocessing? {
        precondition(applies >= 1 && freshTasks >= 1, "pythonMultiprocessing needs 1 sample or more; got \(applies), \(freshTasks)")
        guard let python = try? CProgram.findOnPath("python3", install: "") else { return nil }
        let script = try resolvedSourceDirectory().appendingPathComponent("multiprocessing_floor.py").path
        let output = try CProgram.run(
            python, [script, String(applies), String(freshTasks)] + (placement?.arguments ?? []),
            failure: "Python's multiprocessing floor failed")
        let values = CProgram.pairs(in: output)
        func figure(_ key: String, samples: Int) throws(BenchError) -> DurationFigure {
            guard let nanoseconds = values[key].flatMap(Int64.init) else {
                throw BenchError("\(script) printed no \(key)=: \(output)")
            }
            return DurationFigure(median: .nanoseconds(nanoseconds), samples: samples)
        }
        return PythonMultiprocessing(
            poolApply: try figure("apply_ns", samples: applies),
            freshFork: try figure("fork_fresh_ns", samples: freshTasks),
            freshSpawn: try figure("spawn_fresh_ns", samples: freshTasks))
    }
}
