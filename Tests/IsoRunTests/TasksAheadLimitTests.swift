import Scheduler
import Security
import Testing

/// The trials a worker holds ahead, with its task, a shutdown and an error,
/// fit in the half of the coordinator's send queue that libzmq is sure to
/// have free (docs/protocol.md, "Limits"): a task that finds the queue full is
/// not sent, and its worker is taken for unreachable.
@Suite struct TasksAheadLimitTests {
    @Test func theMostTrialsAheadFitInHalfTheCoordinatorsSendQueue() {
        let settings = SchedulerSettings(workers: 1, host: "h", wallClockStart: 0)
        #expect(settings.maxAhead + 3 <= SocketLimits.coordinatorSendQueue / 2)
        #expect(settings.maxAhead + 3 <= SocketLimits.workerQueue, "the worker's own receive queue")
    }
}
