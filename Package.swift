// swift-tools-version:6.1
import PackageDescription

/// `make build` and `make bench` (ISORUN_STATIC_PIE=1, with `--disable-local-rpath`) link
/// the local worker (isorun-trial) and its floor (isorun-floor) in release as static PIEs:
/// no dynamic loader resolving libstdc++'s and libc's symbols at each start, so a
/// `process` trial starts about 1 ms sooner, and its code still loads at a random address.
/// A static PIE must carry no run path (glibc's start-up asserts, and the program dies
/// before `main`), and SwiftPM adds `$ORIGIN` unless told `--disable-local-rpath`: so a
/// plain `swift build` links them as the other executables are.
///
/// The same builds, which link with lld (the Makefile's `-use-ld=lld`), pass it the
/// `--symbol-ordering-file` of the functions a `process` trial runs
/// (Sources/isorun-trial/symbol-order.txt, written by
/// scripts/benchmarks/trial_symbol_order.py): they sit together at the front of the
/// code, so a fresh process faults in and unmaps fewer pages of it. The floor gets
/// the same order, as it gets every other link flag of the program it stands for.
let trialProgramLinking: [LinkerSetting] = Context.environment["ISORUN_STATIC_PIE"] == "1"
    ? [
        .unsafeFlags(
            [
                "-Xclang-linker", "-static-pie",
                "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/isorun-trial/symbol-order.txt",
                "-Xlinker", "--no-warn-symbol-ordering",
            ],
            .when(configuration: .release)),
    ] : []

// Linux only: the process layer uses signalfd, prctl(PR_SET_PDEATHSIG) and
// /proc (Sources/Processes), so no Apple platform is declared.
let package = Package(
    name: "IsoRun",
    products: [
        .executable(name: "isorun", targets: ["isorun"]),
        .library(name: "IsoRun", targets: ["IsoRun"]),
        .library(name: "Dataflow", targets: ["Dataflow"]),
        .library(name: "Keras", targets: ["Keras"]),
        .library(name: "ZeroMQ", targets: ["ZeroMQ"]),
        // For the libFuzzer target of Fuzz/WireFuzzer, a package of its own.
        .library(name: "Wire", targets: ["Wire"]),
        .library(name: "WireJSON", targets: ["WireJSON"]),
        // For the micro-benchmarks of the record path in Benchmarks/, a package of its own.
        .library(name: "Scheduler", targets: ["Scheduler"]),
        .library(name: "Collecting", targets: ["Collecting"]),
        .library(name: "Bench", targets: ["Bench"]),
        .executable(name: "isorun-worker", targets: ["isorun-worker"]),
        .executable(name: "isorun-trial", targets: ["isorun-trial"]),
        .executable(name: "isorun-floor", targets: ["isorun-floor"]),
        .executable(name: "isorun-floor-zmq", targets: ["isorun-floor-zmq"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
        // Socket event monitoring (zmq_socket_monitor), which only a worker's connect needs.
        .target(name: "ZeroMQMonitor", dependencies: ["ZeroMQ", "CZeroMQ"]),
        .target(name: "CProcessShims"),
        .target(name: "Processes", dependencies: ["CProcessShims"]),
        .target(name: "Dataflow"),
        .target(name: "Keras", dependencies: ["Dataflow"]),
        .target(
            name: "TrialRecords",
            dependencies: [.product(name: "SystemPackage", package: "swift-system")]
        ),
        .target(name: "Wire", dependencies: ["TrialRecords"]),
        // Decoding every message with Foundation's JSONDecoder: the coordinator's and
        // the collector's side. Wire itself links no Foundation (isorun-trial needs none).
        .target(name: "WireJSON", dependencies: ["Wire", "TrialRecords"]),
        // CURVE keys, the ZAP handler, the bind policy and socket limits.
        .target(
            name: "Security",
            dependencies: [
                "ZeroMQ", "Processes", "Wire",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .target(name: "Scheduler", dependencies: ["TrialRecords"]),
        // A trial in this process (TrialHost) and a `process` trial over a local link: no ZeroMQ.
        .target(
            name: "TrialRuntime",
            dependencies: [
                "Dataflow", "Keras", "TrialRecords", "Processes", "Wire",
            ]
        ),
        .target(
            name: "WorkerRuntime",
            dependencies: [
                "TrialRuntime", "Dataflow", "Keras", "ZeroMQ", "ZeroMQMonitor", "TrialRecords", "Processes", "Wire", "WireJSON", "Security",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Experiments",
            dependencies: ["TrialRecords", "Wire", "Scheduler", .product(name: "TOMLKit", package: "TOMLKit")],
            resources: [.embedInCode("Resources/seed.toml")]
        ),
        .target(
            name: "Collecting",
            dependencies: [
                "ZeroMQ", "TrialRecords", "Processes", "Wire", "WireJSON", "Security", .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .target(
            name: "IsoRun",
            dependencies: [
                "Dataflow", "ZeroMQ", "TrialRecords", "Processes", "Wire", "WireJSON", "Scheduler", "TrialRuntime", "Experiments",
                "Collecting", "Security",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .target(name: "Analysis", dependencies: ["TrialRecords"]),
        .target(name: "Charts", dependencies: ["Analysis", "TrialRecords"]),
        .target(name: "Reports", dependencies: ["Analysis", "Charts", "TrialRecords"]),
        .target(
            name: "Bench",
            dependencies: [
                "IsoRun", "Collecting", "Experiments", "ZeroMQ", "TrialRecords", "Processes", "Wire", "TrialRuntime", "Security",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The floors of isorun-trial, linked as it is: no libzmq, a static PIE in release.
        .executableTarget(name: "isorun-floor", linkerSettings: trialProgramLinking),
        // The floor of isorun-worker's idle memory, linked as it is: libzmq and its libraries.
        .executableTarget(name: "isorun-floor-zmq", dependencies: ["CZeroMQ"]),
        // The worker process the coordinator starts: no ArgumentParser, TOMLKit,
        // Reports or Foundation (FoundationEssentials at most), for a fast start.
        .executableTarget(
            name: "isorun-worker",
            dependencies: ["TrialRuntime", "WorkerRuntime", "Security"]
        ),
        // A `process` trial over the coordinator's local link: no ZeroMQ, no Foundation.
        .executableTarget(
            name: "isorun-trial",
            dependencies: ["TrialRuntime", "Processes", "TrialRecords"],
            exclude: ["symbol-order.txt"],
            linkerSettings: trialProgramLinking
        ),
        .executableTarget(
            name: "isorun",
            dependencies: [
                "IsoRun", "Collecting", "Experiments", "Analysis", "Charts", "Reports", "Bench", "TrialRecords", "Processes", "Wire",
                "TrialRuntime", "WorkerRuntime", "ZeroMQ", "Security",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .testTarget(name: "DataflowTests", dependencies: ["Dataflow"]),
        .testTarget(name: "KerasTests", dependencies: ["Keras", "Dataflow"]),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ", "ZeroMQMonitor"]),
        .testTarget(name: "SecurityTests", dependencies: ["Security", "ZeroMQ", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "TrialRecordsTests", dependencies: ["TrialRecords"]),
        // In-memory doubles of the coordinator's seams (transport, launcher, sink),
        // kept apart from the code they stand in for, as swift-nio keeps its embedded channel.
        .target(
            name: "IsoRunTestSupport",
            dependencies: ["IsoRun", "Scheduler", "Wire", "WireJSON", "Processes", "TrialRecords"],
            path: "Tests/IsoRunTestSupport"
        ),
        .testTarget(name: "SchedulerTests", dependencies: ["Scheduler", "TrialRecords"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Scheduler", "Wire", "TrialRecords"]),
        .testTarget(
            name: "WireTests", dependencies: ["Wire", "WireJSON", "TrialRecords"]),
        .testTarget(
            name: "CollectingTests",
            dependencies: [
                "Collecting", "TrialRecords", "Wire", "ZeroMQ", "Processes", .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .testTarget(name: "ProcessesTests", dependencies: ["Processes"]),
        .testTarget(name: "WorkerRuntimeTests", dependencies: ["WorkerRuntime", "TrialRuntime", "Wire", "WireJSON", "TrialRecords", "Dataflow", "Keras", "Security", "ZeroMQ"]),
        .testTarget(
            name: "IsoRunTests",
            dependencies: [
                "IsoRun", "Experiments", "IsoRunTestSupport", "Scheduler", "Security", "Wire", "WireJSON", "Processes",
                "TrialRecords", "ZeroMQ",
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // One suite for the report layer (Analysis, Charts, Reports): its tests share synthetic runs.
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Analysis", "Charts", "TrialRecords"]),
        // Runs the floor programs; depending on them makes SwiftPM build them beside the tests.
        .testTarget(name: "BenchTests", dependencies: ["Bench", "Processes", "isorun-floor", "isorun-floor-zmq"]),
        // Runs the built `isorun` binary; depending on it makes SwiftPM build it first.
        .testTarget(name: "EndToEndTests", dependencies: ["isorun", "isorun-worker", "isorun-trial", "IsoRun", "IsoRunTestSupport", "Processes", "TrialRecords", "TrialRuntime", "Wire", "WireJSON", "ZeroMQ", "Security"]),
        .testTarget(
            name: "TrialRuntimeTests",
            dependencies: [
                "TrialRuntime", "Processes", "Wire", "WireJSON", "TrialRecords", "Dataflow", "Keras",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
