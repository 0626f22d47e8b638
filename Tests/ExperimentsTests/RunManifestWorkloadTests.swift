import Foundation
import Testing
import Wire
@testable import Experiments

/// A run's manifest keeps its workload in a canonical form, so a run started
/// by a build that wrote workloads with `JSONEncoder` (keys in any order,
/// `1` for 1.0) can be resumed by one that writes them directly (`1.0`).
@Suite struct RunManifestWorkloadTests {
    @Test(arguments: [Workload.seed, .empty])
    func aWorkloadWrittenEitherWayHasOneCanonicalForm(workload: Workload) throws {
        let encoder = JSONEncoder()
        let byFoundation = String(decoding: try encoder.encode(workload), as: UTF8.self)
        let direct = WireMessage.Task.json(of: workload)
        #expect(byFoundation != direct)
        #expect(RunManifest.canonical(byFoundation) == RunManifest.canonical(direct))
    }
}
