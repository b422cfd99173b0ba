// swift-tools-version:6.0
// sfbatch: bulk data in and out of Salesforce orgs.
//
// Layers (see README "Layout"): C shims -> bytes -> records -> Salesforce -> jobs -> executables.
// The simulator (OrgSimulator, sfsim) is its own stack and no client module depends on it.
import PackageDescription

let package = Package(
    name: "sfbatch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sfexport", targets: ["sfexport"]),
        .executable(name: "sfimport", targets: ["sfimport"]),
        .executable(name: "sfsim", targets: ["sfsim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // C layer: module maps and shim headers only.
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),

        // Bytes.
        .target(name: "GzipStreams", dependencies: ["CZlib"]),
        .target(name: "HTTPTransport", dependencies: ["CCurl", "GzipStreams"]),
        .target(name: "RSASigning", dependencies: ["CCrypto"]),

        // Records and language.
        .target(name: "RecordFiles", dependencies: ["GzipStreams"]),
        .target(name: "SOQL"),

        // Salesforce.
        .target(name: "RequestScheduler"),
        .target(
            name: "SalesforceConnection",
            dependencies: ["HTTPTransport", "RequestScheduler", "RSASigning", "RecordFiles"]),

        // Jobs.
        .target(
            name: "FieldMapping",
            dependencies: ["SalesforceConnection", "RecordFiles", .product(name: "Yams", package: "Yams")]),
        .target(name: "DataExport", dependencies: ["SalesforceConnection", "SOQL", "RecordFiles", "RSASigning"]),
        .target(name: "DataImport", dependencies: ["FieldMapping", "SalesforceConnection", "RecordFiles"]),

        // Command line.
        .target(
            name: "CommandSupport",
            dependencies: [
                "SalesforceConnection", "RecordFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]),
        .executableTarget(
            name: "sfexport",
            dependencies: [
                "DataExport", "CommandSupport", "HTTPTransport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "sfimport",
            dependencies: [
                "DataImport", "CommandSupport", "HTTPTransport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // The local org.
        .target(
            name: "OrgSimulator",
            dependencies: [
                "SOQL", "RecordFiles", "GzipStreams", "RSASigning",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        .executableTarget(
            name: "sfsim",
            dependencies: [
                "OrgSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Benchmarks (release executables run by `make bench`).
        .executableTarget(
            name: "RecordBench", dependencies: ["RecordFiles", "GzipStreams"], path: "Benchmarks/RecordBench"),

        // Tests.
        .target(name: "SimulatorFixture", path: "Tests/SimulatorFixture"),
        .testTarget(name: "GzipStreamsTests", dependencies: ["GzipStreams"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RecordFilesTests", dependencies: ["RecordFiles"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SOQLTests", dependencies: ["SOQL"]),
        .testTarget(name: "HTTPTransportTests", dependencies: ["HTTPTransport", "RSASigning", "SimulatorFixture"]),
        .testTarget(name: "RSASigningTests", dependencies: ["RSASigning"]),
        .testTarget(name: "RequestSchedulerTests", dependencies: ["RequestScheduler"]),
        .testTarget(
            name: "SalesforceConnectionTests", dependencies: ["SalesforceConnection", "SimulatorFixture"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "CommandSupportTests", dependencies: ["CommandSupport", "SimulatorFixture"]),
        .testTarget(name: "FieldMappingTests", dependencies: ["FieldMapping"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DataExportTests", dependencies: ["DataExport", "RSASigning", "SimulatorFixture"]),
        .testTarget(name: "DataImportTests", dependencies: ["DataImport", "SimulatorFixture"]),
        .testTarget(name: "OrgSimulatorTests", dependencies: ["OrgSimulator", "SimulatorFixture", "RSASigning", "GzipStreams"]),
        .testTarget(name: "EndToEndTests", dependencies: ["SimulatorFixture"], resources: [.copy("Fixtures")]),
    ]
)
