// swift-tools-version:6.2
import PackageDescription

/// Sunlight's modules, by capability. Domain modules (`SunlightDomain`, `SunlightTabular`,
/// `SunlightLedger`) know nothing of HTTP or SQL dialects; `SunlightStorage`, `SunlightImport`,
/// `SunlightWeb` and the `sunlight` executable are adapters around them.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "sunlight",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sunlight", targets: ["sunlight"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "4.0.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.32.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.0"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.14.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.19"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        // Imported directly by storage and web (before, only through the kits that use them).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/vapor/async-kit.git", from: "1.20.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.12.0"),
    ],
    targets: [
        // Domain: identifiers, values, money, dates, the working-day calendar. No I/O.
        .target(name: "SunlightDomain", swiftSettings: swiftSettings),
        // The data contract as data: datasets, fields, aliases, enums, and parsing a cell into a value.
        .target(name: "SunlightContract", dependencies: ["SunlightDomain"], swiftSettings: swiftSettings),
        // The supervision rules of `rules.md`: typed input, evaluation, findings. No I/O. Cardinal's indicators
        // and the OCDS → tenders/bids mapping come from SunlightProcurement, so they run as rules of the same catalog.
        .target(name: "SunlightRules", dependencies: ["SunlightDomain", "SunlightProcurement"], swiftSettings: swiftSettings),
        // The regime as data: deadlines on the working-day calendar, the clue workflow, four forms, sanctions, recusal.
        .target(name: "SunlightRegime", dependencies: ["SunlightDomain"], swiftSettings: swiftSettings),
        // Procurement: streaming OCDS reading, Cardinal's indicators with its settings and output, coverage. No SQL, no HTTP.
        .target(name: "SunlightProcurement", dependencies: ["SunlightDomain"], swiftSettings: swiftSettings),
        // Reports from the public: receipt codes, per-report keys sealed with HPKE, submission checks. No I/O but key files.
        .target(
            name: "SunlightReports",
            dependencies: [
                "SunlightDomain",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Spreadsheet files: streaming CSV (UTF-8 / GB18030) and XLSX readers and writers.
        .target(
            name: "SunlightTabular",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        // The tamper-evident log: RFC 9162 Merkle tree, proofs, signed checkpoints.
        .target(
            name: "SunlightLedger",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // One system call Swift's Glibc module leaves out (`sync_file_range`), for the bulk write path.
        .target(name: "CSunlightSystem"),
        // Storage: one SQLKit code path for SQLite and PostgreSQL, migrations, the write path.
        .target(
            name: "SunlightStorage",
            dependencies: [
                "CSunlightSystem",
                "SunlightDomain", "SunlightContract", "SunlightLedger", "SunlightRules", "SunlightReports", "SunlightRegime",
                "SunlightProcurement",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "AsyncKit", package: "async-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Dataset import: the data contract's schemas, row validation, all-or-nothing loading.
        .target(
            name: "SunlightImport",
            dependencies: [
                "SunlightDomain", "SunlightContract", "SunlightTabular", "SunlightStorage", "SunlightProcurement",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        // The synthetic county: every dataset of the contract with planted anomalies and a truth file.
        .target(name: "SunlightDemo", dependencies: ["SunlightDomain", "SunlightTabular"], swiftSettings: swiftSettings),
        // Web: server-rendered bilingual pages, JSON API, sessions, CSRF, metrics.
        .target(
            name: "SunlightWeb",
            dependencies: [
                "SunlightDomain", "SunlightContract", "SunlightStorage", "SunlightImport", "SunlightTabular", "SunlightLedger",
                "SunlightRules", "SunlightReports", "SunlightRegime",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Templates"), .copy("Static")],
            swiftSettings: swiftSettings
        ),
        // The `sunlight` command: serve, migrate, import, user, token, backup, bench.
        .executableTarget(
            name: "sunlight",
            dependencies: [
                "SunlightDomain", "SunlightContract", "SunlightStorage", "SunlightImport", "SunlightWeb",
                "SunlightTabular", "SunlightLedger", "SunlightRules", "SunlightDemo", "SunlightProcurement",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        // Shared by the test targets: fresh SQLite files and PostgreSQL databases per test.
        .target(
            name: "SunlightTestSupport",
            dependencies: ["SunlightStorage", "SunlightLedger", .product(name: "SQLKit", package: "sql-kit"),
                           .product(name: "Logging", package: "swift-log")],
            path: "Tests/SunlightTestSupport"
        ),
        .testTarget(name: "SunlightDomainTests", dependencies: ["SunlightDomain"]),
        .testTarget(name: "SunlightContractTests", dependencies: ["SunlightContract", "SunlightDomain"]),
        .testTarget(name: "SunlightTabularTests", dependencies: ["SunlightTabular", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "SunlightLedgerTests", dependencies: ["SunlightLedger", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "SunlightRulesTests", dependencies: ["SunlightRules", "SunlightDomain", "SunlightProcurement"]),
        .testTarget(name: "SunlightProcurementTests", dependencies: ["SunlightProcurement", "SunlightDomain"]),
        .testTarget(name: "SunlightRegimeTests", dependencies: ["SunlightRegime", "SunlightDomain"]),
        .testTarget(name: "SunlightReportsTests", dependencies: ["SunlightReports", "SunlightDomain"]),
        .testTarget(name: "SunlightDemoTests", dependencies: ["SunlightDemo", "SunlightDomain", "SunlightTabular", "SunlightRules"]),
        .testTarget(
            name: "SunlightStorageTests",
            dependencies: [
                "SunlightStorage", "SunlightImport", "SunlightDomain", "SunlightContract", "SunlightTabular", "SunlightTestSupport",
                "SunlightLedger", "SunlightRules", "SunlightDemo", "SunlightReports", "SunlightRegime", "SunlightProcurement",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SunlightWebTests",
            dependencies: [
                "SunlightWeb", "SunlightStorage", "SunlightContract", "SunlightTestSupport", "SunlightTabular", "SunlightLedger",
                "SunlightImport", "SunlightRules", "SunlightDemo",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
