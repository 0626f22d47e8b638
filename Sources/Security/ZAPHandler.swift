import Dispatch
import Logging
import Processes
import Synchronization
import Wire
import ZeroMQ

/// A ZAP handler (ZeroMQ RFC 27) on a thread of its own: libzmq asks it about
/// every client that completes a CURVE handshake with a server socket of the
/// same ``Context``, and it admits only the client public keys it was given.
///
/// An admitted connection carries the client's Z85 public key as its
/// `User-Id` (see ``Socket/receiveIfAvailable(frameLimit:property:)``), so the
/// server can tell who sent each message. Refusals are counted and logged
/// through a `PeerLog` (escaped, rate-limited).
///
/// Start it before binding a CURVE server socket: libzmq admits every client
/// of a context without a ZAP handler. One handler per context.
public final class ZAPHandler: Sendable {
    /// The inproc endpoint libzmq sends ZAP requests to.
    public static let endpoint = "inproc://zeromq.zap.01"
    /// How often the thread looks whether it was told to stop.
    static let stopCheckInterval: Duration = .milliseconds(100)

    private final class Shared: Sendable {
        let stopping = Atomic(false)
        let admitted = Atomic(0)
        let refused = Atomic(0)
        let started = DispatchSemaphore(value: 0)
        let failure = Mutex<ZMQError?>(nil)
    }

    private let shared = Shared()
    private let thread: OSThread

    /// Binds the handler in `context` and starts answering.
    ///
    /// - Parameters:
    ///   - context: the context of the server sockets it guards.
    ///   - authorized: the admitted Z85 public keys, each with the file it came from.
    ///   - logger: where refusals go.
    /// - Throws: `ZMQError` when the endpoint cannot be bound (another handler
    ///   in this context holds it).
    public init(context: Context, authorized: [String: String], logger: Logger) throws(ZMQError) {
        let shared = self.shared
        thread = OSThread {
            let socket: Socket
            do throws(ZMQError) {
                socket = try Socket(context, type: .rep)
                try socket.setLinger(.zero)
                try socket.bind(Self.endpoint)
            } catch {
                shared.failure.withLock { $0 = error }
                shared.started.signal()
                return
            }
            shared.started.signal()
            let log = PeerLog(logger)
            defer { log.flush() }
            while !shared.stopping.load(ordering: .acquiring) {
                do throws(ZMQError) {
                    guard try poll([.socket(socket)], timeout: Self.stopCheckInterval)[0].contains(.readable),
                          let frames = try socket.receiveIfAvailable() else { continue }
                    try socket.send(Self.answer(frames, authorized: authorized, shared: shared, log: log))
                } catch {
                    if error == .contextTerminated { return }
                    logger.error("the ZAP handler failed: \(error)")
                }
            }
        }
        shared.started.wait()
        if let failure = shared.failure.withLock({ $0 }) {
            thread.join()
            throw failure
        }
    }

    private static func answer(
        _ frames: [[UInt8]], authorized: [String: String], shared: Shared, log: PeerLog
    ) -> [[UInt8]] {
        guard let request = ZAPRequest(frames: frames) else {
            // Not ZAP 1.0: libzmq never sends that; answer so the REP socket can go on.
            return [Array("1.0".utf8), frames.count > 1 ? frames[1] : [], Array("500".utf8), Array("bad request".utf8), [], []]
        }
        let admitted = request.clientKey.map { authorized[$0] != nil } ?? false
        if admitted {
            shared.admitted.add(1, ordering: .relaxed)
        } else {
            shared.refused.add(1, ordering: .relaxed)
            let who = request.clientKey.map { "client key \($0)" } ?? "mechanism \(request.mechanism)"
            log.log(.warning, "refused a connection from \(request.address): \(who) is not authorized")
        }
        return request.reply(admitted: admitted)
    }

    /// Connections admitted so far.
    public var admitted: Int { shared.admitted.load(ordering: .relaxed) }

    /// Connections refused so far.
    public var refused: Int { shared.refused.load(ordering: .relaxed) }

    /// Stops answering and waits for the thread to close its socket. Servers
    /// of the context then admit every client: close them first.
    public func stop() {
        guard !shared.stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        thread.join()
    }

    deinit {
        stop()
    }
}
