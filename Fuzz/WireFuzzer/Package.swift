// swift-tools-version:6.1
import PackageDescription

// libFuzzer over the wire decoder, apart from the main package so that its
// instrumentation (`-sanitize=fuzzer,address`, given on the command line: it
// must reach Wire and TrialRecords too) never touches the main build.
// Build and run with `make fuzz-wire` from the repository's root.
let package = Package(
    name: "WireFuzzer",
    dependencies: [.package(name: "IsoRun", path: "../..")],
    targets: [
        .executableTarget(
            name: "wire-fuzzer",
            dependencies: [.product(name: "Wire", package: "IsoRun"), .product(name: "WireJSON", package: "IsoRun")]
        ),
    ]
)
