// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "metrics",
    platforms: [.macOS(.v15)],
    products: [
        // `metrics` answers local queries itself and hands every other command to `metrics-core`
        // (Sources/MetricsFront/FrontDispatch.swift says why); install both in one folder.
        .executable(name: "metrics", targets: ["MetricsFront"]),
        .executable(name: "metrics-core", targets: ["MetricsCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C libraries, found through pkg-config. Only RRD imports CRRD; only Curl imports CCurl.
        .systemLibrary(name: "CRRD", pkgConfig: "librrd", providers: [.apt(["librrd-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        .target(name: "RRD", dependencies: ["CRRD"], swiftSettings: strict),
        .target(name: "Curl", dependencies: ["CCurl"], swiftSettings: strict),
        .target(name: "ProcFS", swiftSettings: strict),
        .target(name: "PrometheusText", swiftSettings: strict),
        // The from/until time syntax of the UI, HTTP API and CLI; never librrd's at-style parser.
        .target(name: "TimeSyntax", swiftSettings: strict),
        // Graphite's render API without HTTP: target parser, globs, functions over series.
        .target(name: "GraphiteAPI", dependencies: ["TimeSyntax"], swiftSettings: strict),
        // StatsD and Graphite plaintext protocol logic (parsers, StatsD aggregation); no sockets.
        .target(name: "StatsD", dependencies: ["MetricStore"], swiftSettings: strict),
        .target(
            name: "MetricStore",
            dependencies: ["RRD", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // Graph spec -> rrd_graph arguments (typed, escaped), PNG rendering and JSON series.
        .target(name: "GraphRender", dependencies: ["RRD", "MetricStore"], swiftSettings: strict),
        // Typed readers over a YAML tree that collect problems with their line and column.
        .target(name: "YAMLReading", dependencies: ["MetricStore", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        // Dashboard files (dashboards/*.yaml): model, loader with FILE:LINE:COL problems, reload, glob expansion.
        .target(
            name: "Dashboards",
            dependencies: ["GraphRender", "MetricStore", "TimeSyntax", "YAMLReading", .product(name: "Yams", package: "Yams"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // `metrics query`: series as a terminal table with sparklines, CSV, or JSON.
        .target(name: "TerminalQuery", dependencies: ["GraphRender", "MetricStore", "RRD"], swiftSettings: strict),
        // Deploys and other timeline events in SQLite (events.sqlite in the data directory).
        .target(
            name: "EventStore",
            dependencies: ["GraphRender", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        // Deploy impact: did the error signals rise after a deploy? Pure; no clocks, no files.
        .target(name: "DeployImpact", dependencies: ["MetricStore", "TimeSyntax"], swiftSettings: strict),
        // Deploy impact over stored data: reads the signals' RRD files around recorded events.
        .target(name: "DeployJudge", dependencies: ["DeployImpact", "EventStore", "GraphRender", "MetricStore"], swiftSettings: strict),
        .target(
            name: "MetricsConfig",
            dependencies: ["MetricStore", "RRD", "Collectors", "IngestListeners", "StatsD", "DeployImpact", "YAMLReading", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "CollectorCore",
            dependencies: [
                "MetricStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Collectors",
            dependencies: [
                "CollectorCore", "MetricStore", "ProcFS", "Curl", "PrometheusText", "IngestListeners", "StatsD",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "IngestListeners",
            dependencies: [
                "MetricStore", "StatsD", "EventStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "DashboardServer",
            dependencies: [
                "MetricStore", "IngestListeners", "StatsD", "GraphRender", "Dashboards", "TimeSyntax", "RRD", "EventStore", "DeployImpact", "DeployJudge",
                "GraphiteAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The pages' source files; the binary embeds them (etc/embed-web-assets, WebAssets.swift).
            exclude: ["Web"],
            swiftSettings: strict
        ),
        // `metrics serve --role agent`: the on-disk buffer and the link to the central daemon.
        .target(
            name: "AgentLink",
            dependencies: [
                "MetricStore", "Curl", "CollectorCore", "RRD",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "MetricsDaemon",
            dependencies: [
                "MetricStore", "MetricsConfig", "CollectorCore", "Collectors", "Curl", "DashboardServer", "Dashboards", "IngestListeners", "StatsD", "EventStore",
                "DeployImpact", "DeployJudge", "AgentLink",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // `metrics query`'s options, data directory and output, shared by both binaries.
        .target(
            name: "QueryCLI",
            dependencies: [
                "EventStore", "GraphRender", "MetricStore", "RRD", "TerminalQuery", "TimeSyntax",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        // The `metrics` binary: no libcurl, no HTTP server, the Swift runtime linked in.
        .executableTarget(
            name: "MetricsFront",
            dependencies: ["QueryCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict,
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections", "-lFoundationEssentials", "-lFoundationInternationalization", "-Xclang-linker", "-no-pie"], .when(platforms: [.linux]))]
        ),
        .executableTarget(
            name: "MetricsCLI",
            dependencies: [
                "MetricsDaemon", "MetricsConfig", "MetricStore", "CollectorCore", "Curl", "IngestListeners", "GraphRender", "TimeSyntax", "Dashboards", "EventStore",
                "TerminalQuery", "RRD", "DeployImpact", "DeployJudge", "QueryCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Benchmark driver used by the bench/ scripts (not a test).
        .executableTarget(
            name: "metrics-bench",
            // CRRD directly: the bench's baseline is the bare librrd call.
            dependencies: [
                "MetricStore", "RRD", "CRRD", "CollectorCore", "Collectors", "MetricsConfig", "MetricsDaemon",
                "Curl", "PrometheusText", "IngestListeners", "StatsD", "GraphRender", "Dashboards", "DashboardServer", "DeployImpact",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Sources/MetricsBench",
            swiftSettings: strict
        ),

        // Helpers shared by the test targets (temporary directories).
        .target(
            name: "TestSupport",
            dependencies: [.product(name: "Logging", package: "swift-log"), .product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "ProcFSTests",
            dependencies: ["ProcFS"],
            // Fixtures are found through #filePath (the collector tests use them too), not bundled.
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PrometheusTextTests",
            dependencies: ["PrometheusText"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CollectorsTests",
            dependencies: [
                "Collectors", "CollectorCore", "MetricStore", "ProcFS", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "TimeSyntaxTests", dependencies: ["TimeSyntax"], swiftSettings: strict),
        .testTarget(name: "GraphiteAPITests", dependencies: ["GraphiteAPI"], swiftSettings: strict),
        .testTarget(name: "StatsDTests", dependencies: ["StatsD", "MetricStore"], swiftSettings: strict),
        .testTarget(
            name: "ExecCollectorTests",
            dependencies: [
                "Collectors", "CollectorCore", "MetricStore", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                // check_http gets a real local server (TestSupport's LocalServer).
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "RRDTests", dependencies: ["RRD", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "CurlTests",
            dependencies: ["Curl", .product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: strict
        ),
        .testTarget(name: "QueryCLITests", dependencies: ["QueryCLI", "MetricsConfig", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "TerminalQueryTests", dependencies: ["TerminalQuery", "GraphRender", "RRD", "MetricStore", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "GraphRenderTests", dependencies: ["GraphRender", "RRD", "MetricStore", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "DashboardsTests", dependencies: ["Dashboards", "GraphRender", "MetricStore", "RRD", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "DashboardServerTests",
            dependencies: [
                "DashboardServer", "Dashboards", "GraphRender", "MetricStore", "RRD", "Curl", "TestSupport", "EventStore",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            // Expected Graphite answers, read through #filePath.
            exclude: ["Golden"],
            swiftSettings: strict
        ),
        .testTarget(name: "EventStoreTests", dependencies: ["EventStore", "GraphRender", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
        .testTarget(name: "DeployImpactTests", dependencies: ["DeployImpact"], swiftSettings: strict),
        .testTarget(name: "DeployJudgeTests", dependencies: ["DeployJudge", "DeployImpact", "EventStore", "MetricStore", "RRD", "TestSupport"], swiftSettings: strict),
        // Starts Debian's rrdcached (.ci/install-deps) on a unix socket and on TCP loopback.
        .testTarget(name: "RRDCachedTests", dependencies: ["MetricStore", "RRD", "GraphRender", "TerminalQuery", "MetricsConfig", "TestSupport",
                                                          .product(name: "Logging", package: "swift-log")], swiftSettings: strict),
        .testTarget(name: "MetricStoreTests", dependencies: ["MetricStore", "RRD", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "EndpointTests",
            dependencies: [
                "Collectors", "CollectorCore", "Curl", "MetricStore", "MetricsConfig", "PrometheusText", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CollectorCoreTests",
            dependencies: [
                "CollectorCore", "MetricStore", "TestSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AgentLinkTests",
            dependencies: ["AgentLink", "MetricStore", "Curl", "TestSupport", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(name: "MetricsConfigTests", dependencies: ["MetricsConfig", "Collectors", "MetricStore", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "MetricsDaemon", "DashboardServer", "MetricStore", "CollectorCore", "Curl", "RRD", "TestSupport",
                "EventStore", "DeployImpact",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)
