// isorun-floor: the smallest Swift program linked the way isorun-trial is (a
// static PIE in `make build`'s release, no libzmq), for the floors of the local
// worker's figures in `isorun bench`. isorun-floor-zmq is isorun-worker's.
//
//   isorun-floor              exits 0 at once: the floor for spawning a Swift executable.
//   isorun-floor --idle       prints "ready", then blocks reading stdin until it
//                             closes: the floor for the resident memory of an idle
//                             worker on the local link (isorun-trial).
//   isorun-floor --fork-wait N  times N fork + _exit + waitpid and prints
//                             "forks=N median_ns=M": the floor for a fork-server
//                             trial, whose fork a small process makes (the zygote),
//                             not the coordinator.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Writes `message` to standard error with write(2), which needs no shared `FILE *`.
func complain(_ message: String) {
    var message = message + "\n"
    message.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

let arguments = Array(CommandLine.arguments.dropFirst())
let usage = "usage: isorun-floor [--idle | --fork-wait N]"
switch arguments.first {
case nil:
    exit(0)
case "--idle" where arguments.count == 1:
    idle()
case "--fork-wait" where arguments.count == 2:
    guard let forks = Int(arguments[1]), forks >= 1 else {
        complain("isorun-floor: --fork-wait needs a count of 1 or more, got '\(arguments[1])'")
        exit(64)
    }
    timeForks(forks)
default:
    complain(usage)
    exit(64)
}

/// Says "ready", and idles until stdin closes.
func idle() -> Never {
    print("ready")
    fflush(nil)
    while readLine() != nil {}
    exit(0)
}

/// Prints the median of `count` fork + `_exit(0)` + `waitpid`, in nanoseconds.
func timeForks(_ count: Int) -> Never {
    var nanoseconds: [Int] = []
    nanoseconds.reserveCapacity(count)
    for _ in 0..<count {
        let start = monotonicNanoseconds()
        let pid = fork()
        if pid == 0 { _exit(0) }
        var status: Int32 = 0
        guard pid > 0, waitpid(pid, &status, 0) == pid, status == 0 else {
            complain("isorun-floor: fork or its child failed: \(String(cString: strerror(errno)))")
            exit(1)
        }
        nanoseconds.append(monotonicNanoseconds() - start)
    }
    nanoseconds.sort()
    print("forks=\(count) median_ns=\(nanoseconds[count / 2])")
    exit(0)
}

func monotonicNanoseconds() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return now.tv_sec * 1_000_000_000 + now.tv_nsec
}
