import Testing
import TrialRecords

@Suite struct LaunchTests {
    @Test func knownLaunchesAreNamedAndOthersStayOpen() {
        #expect(Launch.known.map(\.rawValue) == ["in-process", "exec", "fork-server", "external", "srun"])
        #expect(Launch.named("fork-server") == .forkServer)
        #expect(Launch.named("slurm") == nil)
        #expect(Launch(rawValue: "slurm").description == "slurm")
    }
}
