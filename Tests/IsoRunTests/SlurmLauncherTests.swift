import Experiments
import Processes
import Testing
@testable import IsoRun

@Suite struct SlurmLauncherTests {
    @Test func workersConnectToThisHostWhenTheCoordinatorListensOnEveryInterface() {
        #expect(SlurmLauncher.reachable("tcp://0.0.0.0:5555", host: "login1") == "tcp://login1:5555")
        #expect(SlurmLauncher.reachable("tcp://*:41234", host: "login1") == "tcp://login1:41234")
        #expect(SlurmLauncher.reachable("tcp://[::]:7", host: "login1") == "tcp://login1:7")
        #expect(SlurmLauncher.reachable("tcp://10.1.2.3:5555", host: "login1") == "tcp://10.1.2.3:5555")
    }

    @Test func srunReportsATaskKilledBySignalNAs128PlusN() {
        #expect(SlurmLauncher.workerStatus(srun: .exited(0)) == .exited(0))
        #expect(SlurmLauncher.workerStatus(srun: .exited(1)) == .exited(1))
        #expect(SlurmLauncher.workerStatus(srun: .exited(128)) == .exited(128))
        #expect(SlurmLauncher.workerStatus(srun: .exited(137)) == .signaled(9))
        #expect(SlurmLauncher.workerStatus(srun: .exited(143)) == .signaled(15))
        #expect(SlurmLauncher.workerStatus(srun: .signaled(9)) == .signaled(9), "srun itself killed")
    }

    @Test func srunOptionsComeBeforeTheUsersOwnInOrder() {
        let command = WorkerCommand(worker: ["isorun-worker"], forkServer: ["isorun-worker", "fork-server"])
        let plain = SlurmLauncher(command: command, options: SlurmOptions())
        #expect(plain.srunOptions(jobName: "isorun-1-w1")
            == ["--nodes=1", "--ntasks=1", "--input=none", "--job-name=isorun-1-w1"])
        var options = SlurmOptions()
        options.partition = "gpu"
        options.timeLimit = "10:00"
        options.arguments = ["--mem=2G", "--account=ml"]
        let full = SlurmLauncher(command: command, options: options)
        #expect(full.srunOptions(jobName: "j")
            == ["--nodes=1", "--ntasks=1", "--input=none", "--job-name=j", "--partition=gpu", "--time=10:00",
                "--mem=2G", "--account=ml"])
    }
}
