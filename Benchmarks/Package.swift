// swift-tools-version:6.1
import PackageDescription

// Micro-benchmarks of the ZeroMQ wrapper and of a record's path through the
// coordinator and the collector, run with ordo-one's benchmark plugin:
//   swift package --disable-sandbox benchmark
// A package of its own so that the root package's `swift test` never builds them.
let package = Package(
    name: "IsoRunBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "IsoRun", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ZeroMQTransport",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ZeroMQ", package: "IsoRun"),
            ],
            path: "Benchmarks/ZeroMQTransport",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "RecordPath",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Bench", package: "IsoRun"),
                .product(name: "Collecting", package: "IsoRun"),
                .product(name: "Scheduler", package: "IsoRun"),
                .product(name: "Wire", package: "IsoRun"),
            ],
            path: "Benchmarks/RecordPath",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
