import Dataflow
import Testing
@testable import TrialRuntime

/// A fork-server zygote runs `LinkedTrial.prepare()` once before its first fork,
/// and each child inherits what it made: it must make no engine state, or every
/// child would start with a model already built.
@Suite struct LinkedTrialPrepareTests {
    @Test func prepareBuildsNothingInTheGraphItRunsUnder() {
        // A graph of this test's own, pushed for this task: the process-wide default
        // graph belongs to other suites running meanwhile.
        let graph = Graph()
        graph.asDefault { LinkedTrial.prepare() }
        #expect(graph.nodeCount == 0)
        #expect(graph.variableCount == 0)
    }
}
