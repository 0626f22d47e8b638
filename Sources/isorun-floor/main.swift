// isorun-floor: the smallest Swift program built the way isorun is, for the
// floors of `isorun bench`.
//
//   isorun-floor              exits 0 at once: the floor for spawning a Swift executable.
//   isorun-floor --idle-zmq   creates a ZeroMQ context and a DEALER socket, prints
//                             "ready", then blocks reading stdin until it closes:
//                             the floor for an idle worker's resident memory.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import ZeroMQ

/// Writes `message` to standard error with write(2), which needs no shared `FILE *`.
func complain(_ message: String) {
    var message = message + "\n"
    message.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

let arguments = CommandLine.arguments.dropFirst()
if arguments.isEmpty {
    exit(0)
}
guard arguments.elementsEqual(["--idle-zmq"]) else {
    complain("usage: isorun-floor [--idle-zmq]")
    exit(64)
}
do {
    let context = try Context()
    let dealer = try Socket(context, type: .dealer)
    print("ready")
    fflush(nil)
    while readLine() != nil {}
    dealer.close()
} catch {
    complain("isorun-floor: \(error)")
    exit(1)
}
