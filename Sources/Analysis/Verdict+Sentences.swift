import Foundation

extension Verdict {
    /// The threshold rule in words, for sentences about flat growth.
    package static func threshold(_ phase: PhaseSummary) -> String {
        let share = String(format: "%g", PracticalGrowth.share(for: phase.phase) * 100)
        return phase.phase.isMemory ? "\(share)% of the median resident memory" : "\(share)% of a median trial"
    }

    /// Why a significant slope is still called flat, or nil when it is not that case.
    static func tooSmall(_ phase: PhaseSummary) -> String? {
        guard phase.growthKind.isReal, phase.call == .flat else { return nil }
        let overRun = phase.formattedOverRun.map { ", \($0)" } ?? ""
        return "statistically non-zero but too small to matter\(overRun) (threshold \(threshold(phase)))"
    }

    static func sentence(cost: PhaseSummary, memory: PhaseSummary) -> String {
        let costPart: String
        switch cost.call {
        case .grows:
            costPart = "one more model costs \(cost.formattedSlope) per model already created (grows: "
                + "\(cost.formattedOverRun ?? "over the run"))"
        case .shrinks:
            costPart = "no growth: models get cheaper as they go, \(cost.formattedSlope) per model already created "
                + "(\(cost.formattedOverRun ?? "")): run-in or caching, not accumulation"
        case .flat:
            costPart = "flat: " + (tooSmall(cost) ?? "no measurable growth (\(cost.formattedSlope) per model: "
                + "indistinguishable from zero)")
        case .undetermined:
            costPart = "too few trials to tell whether models get dearer"
        }
        let memoryPart: String
        switch memory.call {
        case .grows:
            memoryPart = "it keeps \(memory.formattedSlope) of resident memory per model (\(memory.formattedOverRun ?? ""))"
        case .shrinks:
            memoryPart = "resident memory shrinks, \(memory.formattedSlope) per model"
        case .flat:
            memoryPart = "resident memory stays flat (\(memory.formattedSlope) per model)"
        case .undetermined:
            memoryPart = "memory growth undetermined"
        }
        return costPart + "; " + memoryPart + "."
    }

    /// The sentence of a strategy whose every trial ran in a fresh process: nothing can
    /// accumulate, so the question left is whether the per-trial cost drifts over the run.
    static func freshSentence(cost: PhaseSummary, memory: PhaseSummary) -> String {
        let intro = "each trial ran in a fresh process, so nothing accumulates from model to model by construction"
        let costPart: String
        switch cost.call {
        case .grows, .shrinks:
            costPart = "over the run the per-trial cost drifts \(cost.formattedSlope) per trial"
        case .flat:
            costPart = "the per-trial cost does not drift over the run (\(cost.formattedSlope) per trial)"
        case .undetermined:
            costPart = "too few trials to tell whether the per-trial cost drifts over the run"
        }
        let memoryPart: String
        switch memory.call {
        case .grows, .shrinks:
            memoryPart = "resident memory per trial drifts \(memory.formattedSlope) per trial"
        case .flat:
            memoryPart = "resident memory per trial stays flat (\(memory.formattedSlope) per trial)"
        case .undetermined:
            memoryPart = "memory drift undetermined"
        }
        return intro + "; " + costPart + "; " + memoryPart + "."
    }

    static func freshHeadline(cost: PhaseSummary) -> String {
        let intro = "fresh process per trial: nothing accumulates by construction"
        switch cost.call {
        case .grows, .shrinks: return intro + "; cost drifts \(cost.formattedSlope) per trial over the run"
        case .flat: return intro + "; no drift in cost over the run"
        case .undetermined: return intro
        }
    }

    /// A strategy's verdict in a few words. It *grows* when what earlier models leave
    /// behind grows: time per model, or resident memory kept per model (each by the rule
    /// of ``PracticalGrowth``); it is *flat* when neither does.
    static func headline(cost: PhaseSummary, memory: PhaseSummary) -> String {
        guard cost.call != .undetermined || memory.call != .undetermined else { return "too few trials to tell" }
        let adds = "adds \(cost.phase.format(abs(cost.growth?.slope ?? 0)))"
        let keeps = "keeps \(memory.phase.format(abs(memory.growth?.slope ?? 0)))"
        switch (cost.call, memory.call) {
        case (.grows, .grows):
            return "grows: each model already created \(adds) to the next and \(keeps)"
        case (.grows, _):
            return "grows: each model already created \(adds) to the next; memory does not grow"
        case (_, .grows):
            return "grows: each model already created \(keeps) of memory; time per model does not grow measurably "
                + "(\(cost.formattedSlope) per model)"
        case (.shrinks, _):
            return "flat: no growth (models get cheaper as they go: run-in or caching, not accumulation)"
        default:
            return "flat: no growth that matters in time or memory"
        }
    }
}
