import Foundation
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
        let signaller = Thread {
            usleep(50_000)
            pthread_kill(receiver, SIGUSR1)
        }
        signaller.start()
        // Without the retry, zmq_msg_recv's EINTR would surface as .interrupted.
        #expect(throws: ZMQError.again) { try socket.receive() }
    }
}
