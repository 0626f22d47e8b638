import Processes
import Testing

/// The coordinator's side of the fork-server line protocol, against scripted
/// zygotes: `sh` scripts that answer as a real one would.
@Suite struct ForkServerClientTests {
    /// A zygote that answers `pong` to its first request, then waits for its input to close.
    private static let answering = ["/bin/sh", "-c", #"read line; [ "$line" = ping ] && echo pong; cat >/dev/null"#]

    @Test func awaitReadyReturnsOnceTheZygoteAnswersPing() throws {
        let client = try ForkServerClient(command: Self.answering)
        defer { client.shutdown() }
        try client.awaitReady()
    }

    @Test func aZygoteThatRefusesToServeThrowsItsReason() throws {
        let client = try ForkServerClient(
            command: ["/bin/sh", "-c", "echo 'error refused: framework x: its threads already run'; exit 2"])
        defer { client.shutdown() }
        #expect {
            try client.awaitReady()
        } throws: { error in
            (error as? ForkServerClient.Refusal)?.reason == "framework x: its threads already run"
        }
    }

    @Test func workerEndsReportedBeforeTheReplyAreKept() throws {
        let client = try ForkServerClient(
            command: ["/bin/sh", "-c", #"read line; echo "ended 4242 exited 0"; echo pong; cat >/dev/null"#])
        defer { client.shutdown() }
        try client.awaitReady()
        let ended = try client.takeEnded()
        #expect(ended.map(\.pid) == [4242] && ended.map(\.status) == [.exited(0)])
    }
}
