import Security
import ZeroMQ
import Testing
@testable import WorkerRuntime

@Suite struct WorkerProcessTests {
    @Test func aWorkerTheCoordinatorStartedWithoutKeysWaitsWithoutAWatchdog() {
        #expect(WorkerProcess.connectTimeout(startedByCoordinator: true, curve: nil) == nil)
    }

    @Test func keysOrAStartByHandKeepTheWatchdog() throws {
        let keys = ClientKeys(pair: try CurveKeyPair.generate(), serverPublicKey: try CurveKeyPair.generate().publicKey)
        #expect(WorkerProcess.connectTimeout(startedByCoordinator: true, curve: keys) == Worker.Options.defaultConnectTimeout)
        #expect(WorkerProcess.connectTimeout(startedByCoordinator: false, curve: nil) == Worker.Options.defaultConnectTimeout)
    }
}
