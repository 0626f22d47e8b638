// Micro-benchmarks of IsoRun's ZeroMQ wrapper, beside which the C floors in
// Benchmarks/Floors measure libzmq alone. Each sample sets up its own context
// and sockets, then measures a thousand messages (scalingFactor .kilo), so
// results read per message.
import Benchmark
import Foundation
import ZeroMQ

/// A task or a record's size on the wire.
let payload = [UInt8](repeating: 0x78, count: 300)

/// A wire-protocol message: version, kind, payload.
let threeFrames: [[UInt8]] = [[1], Array("record".utf8), [UInt8](repeating: 0x72, count: 500)]

/// A fresh ipc endpoint under /tmp.
func ipcEndpoint() -> String {
    "ipc:///tmp/isorun-benchmark-\(getpid())-\(UUID().uuidString).sock"
}

/// DEALER → ROUTER → DEALER, one frame of `payload` each way, `benchmark.scaledIterations` times.
func dealerRouterRoundTrips(_ benchmark: Benchmark, endpoint: String) throws {
    let context = try Context()
    let router = try Socket(context, type: .router)
    try router.bind(endpoint)
    let dealer = try Socket(context, type: .dealer)
    try dealer.connect(endpoint)
    defer {
        dealer.close()
        router.close()
        if endpoint.hasPrefix("ipc://") { unlink(String(endpoint.dropFirst("ipc://".count))) }
    }
    try dealer.send([payload])
    try router.send(router.receive())
    _ = try dealer.receive()

    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
        try dealer.send([payload])
        try router.send(router.receive())
        blackHole(try dealer.receive())
    }
    benchmark.stopMeasurement()
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
        timeUnits: .microseconds,
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1_000
    )

    Benchmark("DEALER-ROUTER round trip, 300 B, inproc") { benchmark in
        try dealerRouterRoundTrips(benchmark, endpoint: "inproc://isorun-benchmark-\(UUID().uuidString)")
    }

    Benchmark("DEALER-ROUTER round trip, 300 B, ipc") { benchmark in
        try dealerRouterRoundTrips(benchmark, endpoint: ipcEndpoint())
    }

    Benchmark("PUSH-PULL 3-frame send and receive, inproc") { benchmark in
        let context = try Context()
        let endpoint = "inproc://isorun-benchmark-\(UUID().uuidString)"
        let pull = try Socket(context, type: .pull)
        try pull.bind(endpoint)
        let push = try Socket(context, type: .push)
        try push.connect(endpoint)
        defer {
            push.close()
            pull.close()
        }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try push.send(threeFrames)
            blackHole(try pull.receive())
        }
        benchmark.stopMeasurement()
    }
}
