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

/// Writes `message` and a newline to standard error with write(2), which needs no shared `FILE *`.
func complain(_ message: String) {
    var message = message + "\n"
    message.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

guard CommandLine.arguments.count == 1 else {
    complain("usage: isorun-floor-zmq (no arguments)")
    exit(64)
}
guard let context = zmq_ctx_new(), let socket = zmq_socket(context, ZMQ_DEALER) else {
    complain("isorun-floor-zmq: cannot make a ZeroMQ context and DEALER socket")
    exit(1)
}
print("ready")
fflush(nil)
while readLine() != nil {}
withExtendedLifetime(socket) { exit(0) }
