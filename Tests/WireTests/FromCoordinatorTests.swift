import Testing
import TrialRecords
import Wire

/// What a worker that links no Foundation decodes: `task`, `shutdown`, `error`.
@Suite struct FromCoordinatorTests {
    private let spec = TrialSpec(runID: "00000000000000ef", experiment: "e", strategy: .process, trial: 3)

    @Test func aTaskAShutdownAndAnErrorDecodeAsTheCoordinatorSentThem() throws {
        let tasks = TaskDecoder()
        let task = TaskEncoder(workloadJSON: WireMessage.Task.json(of: .seed)).frames(for: spec)
        #expect(try WireMessage(fromCoordinator: task, tasks: tasks) == .task(.init(spec: spec, workload: .seed)))
        #expect(try WireMessage(fromCoordinator: WireMessage.shutdown.frames, tasks: tasks) == .shutdown)
        let error = WireMessage.error("refused: a \"quoted\" / slashed\nreason")
        #expect(try WireMessage(fromCoordinator: error.frames, tasks: tasks) == error)
    }

    @Test(arguments: [
        (WireMessage.heartbeat(.init(worker: "w1", rssBytes: 1)).frames,
         "a worker receives task, shutdown or error, not 'heartbeat'"),
        ([Array("isorun/2".utf8), Array("error".utf8), Array(#"{"message":1}"#.utf8)],
         #"malformed error payload: expected {"message":"..."}"#),
        ([Array("isorun/2".utf8), Array("error".utf8), Array(#"{"message":"a"} trailing"#.utf8)],
         #"malformed error payload: expected {"message":"..."}"#),
        ([Array("isorun/2".utf8), Array("task".utf8), Array(#"{"workload":{},"spec":{}}"#.utf8)],
         #"malformed task payload: not {"spec":{...},"workload":{...}} as the coordinator writes it"#),
        ([Array("isorun/1".utf8), Array("task".utf8), []], "unsupported protocol version 'isorun/1'; this side speaks isorun/2"),
    ] as [([[UInt8]], String)])
    func anythingElseIsRefusedNamingWhy(frames: [[UInt8]], message: String) {
        #expect(throws: ProtocolError(message: message)) { try WireMessage(fromCoordinator: frames, tasks: TaskDecoder()) }
    }
}
