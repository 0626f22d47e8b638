// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "IsoRun",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "isorun", targets: ["isorun"]),
        .library(name: "IsoRun", targets: ["IsoRun"]),
        .library(name: "Dataflow", targets: ["Dataflow"]),
        .library(name: "ZeroMQ", targets: ["ZeroMQ"]),
        .executable(name: "isorun-floor", targets: ["isorun-floor"]),
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
        .target(name: "CProcessShims"),
        .target(name: "Dataflow"),
        .target(
            name: "TrialRecords",
            dependencies: [.product(name: "SystemPackage", package: "swift-system")]
        ),
        .target(
            name: "IsoRun",
            dependencies: [
                "Dataflow", "ZeroMQ", "TrialRecords", "CProcessShims",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            resources: [.embedInCode("Resources/seed.toml")]
        ),
        .target(name: "Reports", dependencies: ["TrialRecords"]),
        .target(
            name: "Bench",
            dependencies: ["IsoRun", "ZeroMQ", "TrialRecords", .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(name: "isorun-floor", dependencies: ["ZeroMQ"]),
        .executableTarget(
            name: "isorun",
            dependencies: [
                "IsoRun", "Reports", "Bench", "TrialRecords", "ZeroMQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .testTarget(name: "DataflowTests", dependencies: ["Dataflow"]),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
        .testTarget(name: "TrialRecordsTests", dependencies: ["TrialRecords"]),
        .testTarget(name: "IsoRunTests", dependencies: ["IsoRun"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports"]),
        .testTarget(name: "BenchTests", dependencies: ["Bench"]),
        // Runs the built `isorun` binary; depending on it makes SwiftPM build it first.
        .testTarget(name: "EndToEndTests", dependencies: ["isorun", "TrialRecords", "ZeroMQ"]),
    ]
)
