// isorun-floor-zmq: the smallest Swift program linked the way isorun-worker is
// (libzmq and its libraries, Swift's runtime statically), for the floor of an
// idle ZeroMQ worker's resident memory in `isorun bench`.
//
//   isorun-floor-zmq   makes a ZeroMQ context and a DEALER socket, prints
//                      "ready", then blocks reading stdin until it closes.
import CZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

guard CommandLine.arguments.count == 1 else {
    let message = "usage: isorun-floor-zmq (no arguments)\n"
    _ = message.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    exit(64)
}
guard let context = zmq_ctx_new(), let socket = zmq_socket(context, ZMQ_DEALER) else {
    let message = "isorun-floor-zmq: cannot make a ZeroMQ context and DEALER socket\n"
    _ = message.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    exit(1)
}
print("ready")
fflush(nil)
while readLine() != nil {}
withExtendedLifetime(socket) { exit(0) }
