// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Switchyard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchyard", targets: ["switchyard"]),
        .executable(name: "switchyard-bench", targets: ["switchyard-bench"]),
        .executable(name: "switchyard-failover-bench", targets: ["switchyard-failover-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: [.defaults, "YAML"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Pure core: domain, planner, renderers. Values in, values out; no IO, no clock.
        .target(
            name: "SwitchyardCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The store: one set of operations on two engines, SQLite (GRDB) and PostgreSQL (postgres-nio); migrations,
        // records, audit chain, tokens.
        .target(
            name: "SwitchyardStore",
            dependencies: [
                "SwitchyardCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["EmbedMigrations"]
        ),
        // Adapters: the only code that talks to the outside (Kubernetes API, AWS ELBv2/STS, Prometheus).
        // syncfs(2) and mallopt(3), which Glibc hides from Swift: one flush for a whole batch of manifest files, and
        // the service's cap on malloc arenas.
        .target(name: "CSwitchyardSystem"),
        .target(
            name: "SwitchyardAdapters",
            dependencies: [
                "SwitchyardCore",
                "CSwitchyardSystem",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Fakes of what cannot run here (the Kubernetes API server), written to the real API's documented behaviour.
        .target(
            name: "SwitchyardFakes",
            dependencies: [
                "SwitchyardCore",
                "SwitchyardAdapters",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Control: the apply pipeline, drift correction and the failover loop; orchestrates store, core and adapters.
        .target(
            name: "SwitchyardControl",
            dependencies: [
                "SwitchyardCore",
                "SwitchyardStore",
                "SwitchyardAdapters",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // HTTP API: generated from openapi/openapi.yaml, served by Hummingbird; the document itself is embedded too.
        .target(
            name: "SwitchyardAPI",
            dependencies: [
                "SwitchyardCore",
                "SwitchyardStore",
                "SwitchyardControl",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The status board's page, stylesheet, script and icon, compiled into the binary.
            resources: [
                .embedInCode("Board/Assets/index.html"), .embedInCode("Board/Assets/board.css"),
                .embedInCode("Board/Assets/board.js"), .embedInCode("Board/Assets/favicon.svg"),
            ],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator"), "EmbedOpenAPI"]
        ),
        // The one place that wires everything together.
        .executableTarget(
            name: "switchyard",
            dependencies: [
                "CSwitchyardSystem",
                "SwitchyardCore",
                "SwitchyardStore",
                "SwitchyardAPI",
                "SwitchyardControl",
                "SwitchyardAdapters",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "switchyard-failover-bench",
            dependencies: ["SwitchyardControl", "SwitchyardFakes", "SwitchyardAdapters", "SwitchyardStore", "SwitchyardCore"]
        ),
        .executableTarget(
            name: "switchyard-bench",
            dependencies: ["SwitchyardCore"]
        ),
        // Turns migrations/sqlite/*.sql and migrations/postgres/*.sql into Swift string literals so the binary carries
        // its schema for both engines.
        .executableTarget(name: "MigrationEmbedder", path: "Sources/MigrationEmbedder"),
        .plugin(name: "EmbedMigrations", capability: .buildTool(), dependencies: ["MigrationEmbedder"]),
        // Turns openapi/openapi.yaml into the text served at /openapi.yaml and the table of each operation's access.
        .executableTarget(
            name: "OpenAPIEmbedder", dependencies: [.product(name: "Yams", package: "Yams")], path: "Sources/OpenAPIEmbedder"),
        .plugin(name: "EmbedOpenAPI", capability: .buildTool(), dependencies: ["OpenAPIEmbedder"]),

        .testTarget(name: "SwitchyardCoreTests", dependencies: ["SwitchyardCore"], exclude: ["Golden"]),
        .testTarget(
            name: "SwitchyardStoreTests",
            dependencies: [
                "SwitchyardStore", "SwitchyardCore", "SwitchyardFakes", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SwitchyardAPITests",
            dependencies: [
                "SwitchyardAPI", "SwitchyardStore", "SwitchyardCore", "SwitchyardControl", "SwitchyardAdapters",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "SwitchyardAdaptersTests",
            dependencies: [
                "SwitchyardAdapters", "SwitchyardFakes", "SwitchyardCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "SwitchyardControlTests",
            dependencies: ["SwitchyardControl", "SwitchyardFakes", "SwitchyardAdapters", "SwitchyardStore", "SwitchyardCore"]
        ),
        .testTarget(
            name: "SwitchyardProcessTests",
            dependencies: ["switchyard", "SwitchyardAdapters", "SwitchyardFakes", "SwitchyardStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
