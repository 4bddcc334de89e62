// swift-tools-version:6.2
import PackageDescription

/// Coverage-guided fuzzing of Sunlight's readers of untrusted input (issue 18), kept out of
/// the root package so that its `swift build` / `swift test` are neither slowed nor broken.
///
/// The reader modules are the root package's own sources, reached through the symbolic links
/// in `Sources/` (SwiftPM refuses target paths outside the package, and the root package has
/// no library products to depend on). Each `Fuzz*` executable defines only
/// `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`. Build and run with `scripts/fuzz.sh`,
/// which passes `-sanitize=fuzzer,address -parse-as-library` (see `Fuzz/README.md`).
let swiftSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "sunlight-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "4.0.0"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.19"),
    ],
    targets: [
        .target(name: "SunlightDomain", swiftSettings: swiftSettings),
        .target(
            name: "SunlightTabular",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings),
        .target(name: "SunlightProcurement", dependencies: ["SunlightDomain"], swiftSettings: swiftSettings),
        .target(name: "SunlightRules", dependencies: ["SunlightDomain", "SunlightProcurement"], swiftSettings: swiftSettings),
        .target(
            name: "SunlightLedger",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzCSV", dependencies: ["SunlightTabular"], path: "Targets/FuzzCSV"),
        .executableTarget(name: "FuzzXLSX", dependencies: ["SunlightTabular"], path: "Targets/FuzzXLSX"),
        .executableTarget(name: "FuzzOCDS", dependencies: ["SunlightProcurement"], path: "Targets/FuzzOCDS"),
        .executableTarget(name: "FuzzINI", dependencies: ["SunlightRules"], path: "Targets/FuzzINI"),
        .executableTarget(
            name: "FuzzSignedNote",
            dependencies: ["SunlightLedger", .product(name: "Crypto", package: "swift-crypto")],
            path: "Targets/FuzzSignedNote"),
    ]
)
