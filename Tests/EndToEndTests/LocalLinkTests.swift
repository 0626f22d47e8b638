import Foundation
import IsoRun
import Processes
import Testing
import TrialRecords
import TrialRuntime
import Wire
import WireJSON
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

/// The local link between the coordinator's ``LinkedTransport`` and real
/// `isorun-trial` processes, exec'd and forked, without a run around them.
@Suite struct LocalLinkTests {
    private let spec = TrialSpec(runID: "00000000000000cd", experiment: "link", strategy: .process, trial: 0)

    /// `isorun-trial`, beside the `isorun` under test.
    private func trialProgram() throws -> String {
        URL(fileURLWithPath: try IsorunBinary.require()).deletingLastPathComponent().appendingPathComponent("isorun-trial").path
    }

    /// Starts `isorun-trial` as one-shot worker `id`, connecting to `transport`'s listener.
    private func connectingTrial(_ id: String, to transport: LinkedTransport) throws -> pid_t {
        try ChildProcess.spawn(try trialProgram(), arguments: [
            "--connect", transport.linkEndpoint, "--id", id, "--one-shot", "--parent", "\(getpid())",
        ])
    }

    private func transport(in folder: TemporaryFolder, context: Context) throws -> LinkedTransport {
        let workload = WireMessage.Task.json(of: .seed)
        let router = try RouterTransport(bind: ipcEndpoint("coordinator", in: folder), context: context, workloadJSON: workload)
        return try LinkedTransport(wrapping: router, path: folder.path("trials"), workloadJSON: workload)
    }

    /// Receives until `count` messages came, or `limit` passed: a silent link fails rather than hangs.
    private func receive(_ count: Int, from transport: LinkedTransport, within limit: Duration = .seconds(30)) throws -> [Inbound] {
        var messages: [Inbound] = []
        let deadline = ContinuousClock.now + limit
        while messages.count < count && ContinuousClock.now < deadline {
            messages += try transport.receive(timeout: .milliseconds(50), alsoWatching: []).messages
        }
        return messages
    }

    /// The hello of a link that opened with a hello, then ready, from `w1`; nil (with the issue recorded) otherwise.
    private func helloThenReady(_ opening: [Inbound]) -> WireMessage.Hello? {
        guard opening.count == 2, case .success(.hello(let hello)) = opening[0].message,
              opening.allSatisfy({ $0.sender == "w1" }), (try? opening[1].message.get()) == .ready
        else {
            Issue.record("the link did not open with a hello, then ready, from w1: \(opening.map(\.message))")
            return nil
        }
        return hello
    }

    /// Outside a batch a wake-up takes one packet a link (a second `recv` would
    /// mostly find nothing); in a batch, every packet waiting on it.
    @Test func aWakeUpTakesOnePacketALinkAndABatchEveryOneWaiting() async throws {
        try await withTemporaryFolder { folder in
            let context = try Context()
            let transport = try transport(in: folder, context: context)
            let worker = try #require(transport.link(for: "w1", carrying: nil))
            transport.launched("w1", pid: getpid())
            let hello = WireMessage.Hello(
                worker: "w1", pid: getpid(), host: "h", launch: Launch.exec.rawValue, capabilities: Strategy.allNames)
            #expect(worker.send(WirePacket.encode(WireMessage.hello(hello).frames)))
            for _ in 0..<4 {
                #expect(worker.send(WirePacket.encode(WireMessage.heartbeat(.init(worker: "w1", rssBytes: 1)).frames)))
            }
            var taken: [Int] = []
            for batch in [false, false, true] {
                taken.append(try transport.receive(timeout: .milliseconds(200), alsoWatching: [], batch: batch).messages.count)
            }
            // The hello and one heartbeat, one heartbeat, the last two.
            #expect(taken == [2, 1, 2])
        }
    }

    /// A trial on a link sends no heartbeats: the transport reads its state in
    /// `/proc` instead. Waiting for its task, it is seen running; stopped, it is not.
    @Test func aLinkedTrialIsSeenRunningUntilItIsStopped() async throws {
        try await withTemporaryFolder { folder in
            let context = try Context()
            let transport = try transport(in: folder, context: context)
            let pid = try connectingTrial("w1", to: transport)
            defer {
                ChildProcess.kill(pid)
                _ = ChildProcess.wait(pid)
            }
            transport.launched("w1", pid: pid)
            #expect(transport.workersSeenRunning().isEmpty, "not before its hello")
            guard helloThenReady(try receive(2, from: transport)) != nil else { return }
            #expect(transport.workersSeenRunning() == ["w1"])
            kill(pid, SIGSTOP)
            #expect(await seen(by: transport, { $0.isEmpty }), "stopped, yet seen running")
            kill(pid, SIGCONT)
            #expect(await seen(by: transport, { $0 == ["w1"] }), "continued, yet not seen running")
        }
    }

    /// Whether what `transport` sees running comes to satisfy `condition` within ten seconds.
    private func seen(by transport: LinkedTransport, _ condition: ([String]) -> Bool) async -> Bool {
        for _ in 0..<1000 {
            if condition(transport.workersSeenRunning()) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    @Test(arguments: [Launch.exec, .forkServer])
    func aLaunchedTrialSaysHelloRunsItsTaskAndReturnsItsRecordOverTheLink(launch: Launch) async throws {
        try await withTemporaryFolder { folder in
            let context = try Context()
            let transport = try transport(in: folder, context: context)
            var zygote: ForkServerClient?
            defer { zygote?.shutdown() }
            let pid: pid_t
            if launch == .exec {
                pid = try connectingTrial("w1", to: transport)
            } else {
                zygote = try ForkServerClient(command: [try trialProgram(), "fork-server", "--parent", "\(getpid())"])
                pid = try zygote!.spawn(id: "w1", endpoint: transport.linkEndpoint)
            }
            transport.launched("w1", pid: pid)

            guard let hello = helloThenReady(try receive(2, from: transport)) else { return }
            #expect(hello.pid == pid && hello.launch == launch.rawValue)

            #expect(transport.sendTask(spec, to: "w1"))
            let answer = try receive(1, from: transport)
            try #require(answer.count == 1)
            guard case .success(.record(let record)) = answer[0].message else {
                Issue.record("the trial did not answer with a record: \(answer[0].message)")
                return
            }
            #expect(record.outcome == .ok && record.worker == "w1" && record.pid == pid && record.launch == launch)
            #expect(record.graphNodes ?? 0 > 0)
            if let zygote {
                // The zygote read its own status before forking and keeps the file open;
                // a child must read its own (fewer pages: it maps its zygote's files lazily).
                let zygoteResident = try #require(ProcessMetrics.residentBytes(of: zygote.pid))
                #expect(record.rssBytes != zygoteResident, "the child reported its zygote's memory")
            }
            if launch == .exec {
                #expect(ChildProcess.wait(pid) == .exited(0))
            } else {
                var ended: [(pid: pid_t, status: Processes.ExitStatus)] = []
                let deadline = ContinuousClock.now + .seconds(30)
                while ended.isEmpty && ContinuousClock.now < deadline {
                    ended = try zygote!.takeEnded()
                    if ended.isEmpty { usleep(10_000) }
                }
                #expect(ended.first?.pid == pid && ended.first?.status == .exited(0))
            }
        }
    }

    /// A real `isorun-trial` started as the coordinator starts an exec'd trial:
    /// on the link made for `w1`, its task on it, as descriptor 3; under `id`.
    private func launchWithTask(as id: String, on transport: LinkedTransport) throws -> pid_t {
        let theirs = try #require(transport.link(for: "w1", carrying: spec))
        return try ChildProcess.spawn(try trialProgram(), arguments: [
            "--connect", LinkedTrial.inheritedLink, "--id", id, "--one-shot", "--parent", "\(getpid())",
        ], descriptor3: theirs.descriptor)
    }

    /// The exec'd trial's way: its link made before the launch with the task
    /// on it, inherited as descriptor 3. It says hello and sends its record
    /// without being sent anything.
    @Test func aTrialLaunchedWithItsTaskSaysHelloAndSendsItsRecordUnasked() async throws {
        try await withTemporaryFolder { folder in
            let context = try Context()
            let transport = try transport(in: folder, context: context)
            let pid = try launchWithTask(as: "w1", on: transport)
            transport.launched("w1", pid: pid)
            let messages = try receive(2, from: transport)
            try #require(messages.count == 2)
            guard case .success(.hello(let hello)) = messages[0].message,
                  case .success(.record(let record)) = messages[1].message
            else {
                Issue.record("expected a hello, then a record: \(messages.map(\.message))")
                return
            }
            #expect(messages.allSatisfy { $0.sender == "w1" })
            #expect(hello.pid == pid && hello.launch == Launch.exec.rawValue)
            #expect(record.outcome == .ok && record.trial == spec.trial && record.pid == pid)
            #expect(ChildProcess.wait(pid) == .exited(0))
        }
    }

    /// A long-lived worker's way (every strategy but `process`): its link made
    /// before the launch without a task, inherited as descriptor 3. It says
    /// hello and ready, serves task after task in one process, starts afresh
    /// when the stage changes, and exits 0 when told to shut down.
    @Test func aLongLivedWorkerOnItsLinkServesTasksUntilShutdown() async throws {
        try await withTemporaryFolder { folder in
            let context = try Context()
            let transport = try transport(in: folder, context: context)
            let theirs = try #require(transport.link(for: "w1", carrying: nil))
            let pid = try ChildProcess.spawn(try trialProgram(), arguments: [
                "--connect", LinkedTrial.inheritedLink, "--id", "w1", "--parent", "\(getpid())",
            ], descriptor3: theirs.descriptor)
            transport.launched("w1", pid: pid)
            guard let hello = helloThenReady(try receive(2, from: transport)) else { return }
            #expect(hello.pid == pid && hello.launch == Launch.exec.rawValue)

            // Two trials of one stage share the graph; the next stage (repeat 1) starts afresh.
            let tasks = [(0, 0), (1, 0), (0, 1)].map { trial, repeatIndex in
                TrialSpec(runID: spec.runID, experiment: spec.experiment, strategy: .noClear, trial: trial, repeat: repeatIndex)
            }
            var graphNodes: [Int] = []
            for task in tasks {
                #expect(transport.sendTask(task, to: "w1"))
                let answer = try receive(1, from: transport)
                guard answer.count == 1, case .success(.record(let record)) = answer[0].message else {
                    Issue.record("the worker did not answer with a record: \(answer.map(\.message))")
                    return
                }
                #expect(record.outcome == .ok && record.pid == pid && record.trial == task.trial)
                graphNodes.append(record.graphNodes ?? 0)
            }
            #expect(graphNodes[0] > 0 && graphNodes[1] > graphNodes[0] && graphNodes[2] == graphNodes[0], "\(graphNodes)")
            #expect(transport.send(.shutdown, to: "w1"))
            #expect(ChildProcess.wait(pid) == .exited(0))
        }
    }

    /// A handed-over link serves the worker it was made for, and no other id.
    @Test func aLinkMadeForOneWorkerRefusesAHelloUnderAnotherID() async throws {
        try await withTemporaryFolder { folder in
            let context = try Context()
            let transport = try transport(in: folder, context: context)
            let pid = try launchWithTask(as: "w2", on: transport)
            transport.launched("w1", pid: pid)
            transport.launched("w2", pid: pid)
            let messages = try receive(1, from: transport)
            try #require(messages.count == 1)
            guard case .failure(let refusal) = messages[0].message else {
                Issue.record("expected a refusal, got \(messages[0].message)")
                return
            }
            #expect(refusal.message.contains("'w2' is not a worker"))
            // Cut off, whatever the trial sends after is never read.
            _ = ChildProcess.wait(pid)
            #expect(try receive(1, from: transport, within: .seconds(1)).isEmpty)
        }
    }

    /// Its start-up is what every exec'd trial pays: the wire's Foundation-free
    /// path keeps Foundation (about 0.13 ms of start-up) out of it.
    @Test func isorunTrialLinksNoFoundationAndIsorunWorkerDoes() throws {
        let mangledModule = Array("s20FoundationEssentials".utf8)
        func mentions(_ program: String) throws -> Bool {
            try [UInt8](Data(contentsOf: URL(fileURLWithPath: program))).firstRange(of: mangledModule) != nil
        }
        let trial = try trialProgram()
        #expect(try !mentions(trial))
        // The check can fail: the ZeroMQ worker, which decodes with JSONDecoder, mentions it.
        #expect(try mentions(URL(fileURLWithPath: trial).deletingLastPathComponent().appendingPathComponent("isorun-worker").path))
    }

    @Test(arguments: [
        (["--connect", "ipc:///tmp/c", "--id", "w1", "--one-shot", "--parent", "1"],
         "--connect 'ipc:///tmp/c' is not a local link (local://PATH or fd://3); isorun-worker serves ZeroMQ endpoints"),
        (["--connect", "fd://3", "--id", "w1", "--one-shot", "--parent", "1"],
         "--connect fd://3: descriptor 3 is not a socket; `isorun run` starts isorun-trial so, with its link on it"),
        (["--connect", "fd://4", "--id", "w1", "--one-shot", "--parent", "1"],
         "--connect 'fd://4' is not a local link (local://PATH or fd://3); isorun-worker serves ZeroMQ endpoints"),
        (["--connect", "local:///tmp/t", "--id", "w1", "--one-shot"],
         "--parent PID is required: a trial dies with its coordinator"),
        (["--connect", "local:///tmp/t", "--id", "w1", "--one-shot", "--parent", "1", "--curve", "/keys"],
         "--curve: a local link needs no keys; isorun-worker connects with them"),
    ])
    func aCommandLineIsorunTrialCannotServeExitsTwoNamingTheFlag(arguments: [String], problem: String) throws {
        let finished = try runTool(try trialProgram(), arguments)
        #expect(finished.status == 2)
        #expect(finished.stderr.hasPrefix("isorun-trial: \(problem)\nusage: isorun-trial"), "\(finished.stderr)")
    }

    @Test func aHelloFromAProcessNotLaunchedUnderItsIDIsRefusedAndItsLinkClosed() async throws {
        try await withTemporaryFolder { folder in
            let context = try Context()
            let transport = try transport(in: folder, context: context)
            let trial = try ChildProcess.spawn("/bin/sleep", arguments: ["30"])
            defer {
                ChildProcess.kill(trial)
                _ = ChildProcess.wait(trial)
            }
            transport.launched("w1", pid: trial)

            // This test's process claims w1, launched as another process.
            let impostor = try PacketSocket.connect(to: folder.path("trials"))
            let hello = WireMessage.Hello(worker: "w1", pid: getpid(), host: "h", launch: "exec", capabilities: ["process"])
            // Only the hello: a link closed with packets unread resets its peer's (ECONNRESET), refusal and all.
            #expect(impostor.send(WirePacket.encode(WireMessage.hello(hello).frames)))
            let refused = try receive(1, from: transport)
            try #require(refused.count == 1)
            #expect(refused[0].message == .failure(ProtocolError(
                message: "'w1' is not a worker this coordinator launched as pid \(getpid())")))
            #expect(refused[0].sender != "w1")
            guard case .packet(let packet) = impostor.receive(limit: WirePacket.limit) else {
                Issue.record("the impostor was not told it is refused")
                return
            }
            #expect(try WireMessage(frames: WirePacket.decode(packet)) == .error(
                "refused: 'w1' is not a worker this coordinator launched as pid \(getpid())"))
            #expect(impostor.receive(limit: WirePacket.limit) == .closed)
            // No link serves w1: its task goes to the ROUTER, where no w1 is connected.
            #expect(!transport.isTaken("w1"))
            #expect(!transport.sendTask(spec, to: "w1"))
        }
    }

    @Test func aTrialKilledAfterItsHelloLeavesNoLinkBehind() async throws {
        try await withTemporaryFolder { folder in
            let context = try Context()
            let transport = try transport(in: folder, context: context)
            let pid = try connectingTrial("w2", to: transport)
            transport.launched("w2", pid: pid)
            #expect(try receive(2, from: transport).count == 2)
            #expect(transport.isTaken("w2"))
            ChildProcess.kill(pid)
            #expect(ChildProcess.wait(pid) == .signaled(SIGKILL))
            _ = try transport.receive(timeout: .milliseconds(100), alsoWatching: [])
            #expect(!transport.isTaken("w2"))
            #expect(!transport.sendTask(spec, to: "w2"))
        }
    }
}
