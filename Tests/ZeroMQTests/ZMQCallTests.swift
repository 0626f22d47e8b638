import Foundation
import Synchronization
import Testing
import ZeroMQ

@Suite struct ZMQCallTests {
    /// A no-op handler, so that SIGUSR1 interrupts system calls instead of
    /// ending the process.
    private static let installHandler: Void = {
        signal(SIGUSR1) { _ in }
    }()

    @Test func aSignalDuringABlockingReceiveIsRetriedNotThrown() throws {
        Self.installHandler
        // Swift concurrency's threads block signals; let this one take SIGUSR1.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGUSR1)
        var previousMask = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &signals, &previousMask)
        defer { pthread_sigmask(SIG_SETMASK, &previousMask, nil) }
        let socket = try Socket(Context(), type: .pull)
        try socket.bind("inproc://interrupted")
        try socket.setReceiveTimeout(.milliseconds(300))
        let receiver = pthread_self()
        let receiving = Atomic<Bool>(false)
        let signalled = Atomic<Int>(0)
        // Once the receive is about to wait, a burst of signals: some land while
        // it waits. Each one restarts the wait, so the burst is bounded.
        let signaller = Thread {
            while !receiving.load(ordering: .acquiring) { sched_yield() }
            for _ in 0..<1000 {
                pthread_kill(receiver, SIGUSR1)
                signalled.add(1, ordering: .relaxed)
                sched_yield()
            }
        }
        signaller.start()
        receiving.store(true, ordering: .releasing)
        // Without the retry, zmq_msg_recv's EINTR would surface as .interrupted.
        #expect(throws: ZMQError.again) { try socket.receive() }
        while signalled.load(ordering: .relaxed) < 1000 { sched_yield() }
    }
}
