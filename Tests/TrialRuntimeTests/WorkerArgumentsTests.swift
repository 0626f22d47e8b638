import Testing
@testable import TrialRuntime

@Suite struct WorkerArgumentsTests {
    @Test func theCoordinatorsWorkerLineIsRead() throws {
        let arguments = try WorkerArguments(["--connect", "ipc:///tmp/c", "--id", "w3", "--one-shot", "--parent", "42"])
        #expect(arguments.mode == .worker(endpoint: "ipc:///tmp/c", id: "w3", oneShot: true, parent: 42))
        #expect(arguments.logLevel == .warning)
    }

    @Test func theZygoteLineIsRead() throws {
        let arguments = try WorkerArguments(["fork-server", "--parent", "7", "--log-level", "debug"])
        #expect(arguments.mode == .forkServer(parent: 7))
        #expect(arguments.logLevel == .debug)
    }

    @Test func theKeyFolderComesFromTheFlagOrElseTheEnvironment() throws {
        let line = ["--connect", "tcp://10.0.0.5:5555", "--id", "w1"]
        #expect(try WorkerArguments(line).curve == nil)
        #expect(try WorkerArguments(line + ["--curve", "/keys"]).curve == "/keys")
        #expect(try WorkerArguments(line, curveVariable: "/env").curve == "/env")
        #expect(try WorkerArguments(line + ["--curve", "/flag"], curveVariable: "/env").curve == "/flag")
        #expect(try WorkerArguments(["fork-server", "--curve", "/keys", "--parent", "9"]).curve == "/keys")
    }

    @Test(arguments: [
        ([], "--connect ENDPOINT is required"),
        (["--connect", "ipc:///x"], "--id ID is required"),
        (["--connect"], "--connect needs a value"),
        (["--connect", "ipc:///x", "--id", "w1", "--frobnicate"], "unknown argument '--frobnicate'"),
        (["fork-server"], "fork-server needs --parent PID"),
        (["fork-server", "--parent", "-3"], "--parent '-3' is not a pid"),
        (["fork-server", "--parent", "1", "--one-shot"], "unknown argument '--one-shot'"),
        (["--connect", "e", "--id", "w", "--curve", ""], "--curve needs a key folder"),
        (["--connect", "e", "--id", "w", "--log-level", "loud"],
         "--log-level 'loud' is not one of trace, debug, info, notice, warning, error, critical"),
    ])
    func aBadLineNamesTheFlag(arguments: [String], message: String) {
        #expect(throws: WorkerArguments.Problem(message: message)) { try WorkerArguments(arguments) }
    }
}
