// swift-tools-version: 6.1
//
// Ballast: a Kubernetes operator that lets an AI remediate production alerts without ever
// thrashing a cluster. Module layout follows shared/design/architecture.md:
//
//   KubeTypes          pure Kubernetes vocabulary (JSONValue, ObjectMeta, Status, resources)
//   KubeClient         REST client over AsyncHTTPClient (config, verbs, watch, typed errors)
//   ControllerRuntime  informers, work queue, controllers, leader election, events
//   BallastAPI         Codable models of the three CRDs; no I/O
//   BallastCore        pure safety logic: policy, oscillation, effectiveness, catalog, rules
//   BallastDecision    LLM providers, prompts, output validation, fallback to rules
//   BallastOperator    reconcilers, executors, receiver, metrics, wiring
//   BallastCtl         the kubectl plugin verbs (stop, resume, status, history, explain, approve)
//   ballast            the command-line entry point (operator, eval, kubectl plugin)
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Ballast",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ballast", targets: ["BallastCLI"]),
        .executable(name: "ballast-bench", targets: ["BallastBench"]),
        .library(name: "KubeClient", targets: ["KubeClient"]),
        .library(name: "ControllerRuntime", targets: ["ControllerRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .target(
            name: "KubeTypes",
            swiftSettings: strictSettings
        ),
        .target(
            name: "KubeClient",
            dependencies: [
                "KubeTypes",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ControllerRuntime",
            dependencies: [
                "KubeClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "BallastAPI",
            dependencies: ["KubeTypes"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "BallastCore",
            dependencies: [
                "BallastAPI",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "BallastDecision",
            dependencies: [
                "BallastCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "BallastOperator",
            dependencies: [
                "KubeClient",
                "ControllerRuntime",
                "BallastAPI",
                "BallastCore",
                "BallastDecision",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        // The kubectl plugin verbs: their Kubernetes calls, checks and rendering, testable
        // without the binary (the thin ArgumentParser commands are in BallastCLI/Plugin).
        .target(
            name: "BallastCtl",
            dependencies: [
                "KubeTypes",
                "KubeClient",
                "BallastAPI",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "BallastCLI",
            dependencies: [
                "BallastOperator",
                "BallastCtl",
                "BallastDecision",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // Benchmarks: `swift run -c release ballast-bench <suite>`; figures go in the README.
        .executableTarget(
            name: "BallastBench",
            dependencies: [
                "KubeClient",
                "LLMTestSupport",
                "ControllerRuntime",
                "BallastCore",
                "BallastDecision",
                "BallastOperator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),

        // Test support: finding and driving the local control plane (Foundation only, so the
        // pure modules' tests stay light).
        .target(
            name: "ClusterTestSupport",
            path: "Tests/ClusterTestSupport",
            swiftSettings: strictSettings
        ),
        // Test support: a scripted LLM server on loopback that speaks the OpenAI, Ollama and
        // Anthropic wire protocols, including hostile and broken answers.
        .target(
            name: "LLMTestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/LLMTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KubeTypesTests",
            dependencies: ["KubeTypes", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "KubeClientTests",
            dependencies: [
                "KubeClient", "ClusterTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ControllerRuntimeTests",
            dependencies: ["ControllerRuntime", "KubeClient", "KubeTypes", "ClusterTestSupport"]
        ),
        .testTarget(
            name: "BallastAPITests",
            dependencies: ["BallastAPI", "ClusterTestSupport", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "BallastCoreTests",
            dependencies: [
                "BallastCore", "BallastAPI", "KubeTypes",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "BallastDecisionTests",
            dependencies: [
                "BallastDecision", "LLMTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "InstallTests",
            dependencies: [
                "BallastOperator", "BallastCore", "ClusterTestSupport",
                .product(name: "Yams", package: "Yams"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Fixtures"]
        ),
        // End-to-end: the built `ballast` binary run as a process against the local control
        // plane, a real Alertmanager and the scripted LLM (hack/test.sh builds the binary first).
        .testTarget(
            name: "OperatorE2ETests",
            dependencies: ["ClusterTestSupport", "LLMTestSupport", "BallastAPI", "KubeClient", "KubeTypes"]
        ),
        .testTarget(
            name: "BallastCtlTests",
            dependencies: [
                "BallastCtl", "BallastAPI", "KubeClient", "KubeTypes", "ClusterTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "BallastOperatorTests",
            dependencies: [
                "BallastOperator", "ClusterTestSupport", "LLMTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ]
)
