// swift-tools-version:5.4
// 5.4 on purpose: from 5.5 SwiftPM renames an executable's entry point and links it with
// `--defsym main=<Module>_main`, a symbol that `-parse-as-library` never emits, so the fuzz
// executables fail to link (swiftlang/swift-package-manager#8731). With 5.4 libFuzzer's own
// `main` is used. Consequences: Swift 5 language mode and no `platforms:`/upcoming features
// here — the shared sources compile the same (they are checked in Swift 6 mode by the root).
import PackageDescription

/// Coverage-guided fuzzing of Sunlight's readers of untrusted input (issue 18), kept out of
/// the root package so that its `swift build` / `swift test` are neither slowed nor broken.
///
/// The reader modules are the root package's own sources, reached through the symbolic links
/// in `Sources/` (SwiftPM refuses target paths outside the package, and the root package has
/// no library products to depend on). Each `Fuzz*` executable defines only
/// `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`. Build and run with `scripts/fuzz.sh`,
/// which passes `-sanitize=fuzzer,address -parse-as-library` (see `Fuzz/README.md`).
let swiftSettings: [SwiftSetting] = []

let package = Package(
    name: "sunlight-fuzz",
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
