// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "snapdrift",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "snapdrift", targets: ["snapdrift"]),
        .library(name: "SnapdriftCore", targets: ["SnapdriftCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        // libxml2, seen only by SnapdriftHTML.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // HTML documents, XPath and CSS selectors over libxml2; Swift types only in its API.
        .target(
            name: "SnapdriftMarkup",
            dependencies: ["CLibXML2"]
        ),
        // The pipeline: JSON, spec, normalize, finalize, golden, compare, report, run.
        .target(
            name: "SnapdriftCore",
            dependencies: [
                "SnapdriftMarkup",
                .product(name: "Yams", package: "Yams"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        .executableTarget(
            name: "snapdrift",
            dependencies: [
                "SnapdriftCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzz entry points (scripts/fuzz builds `snapdrift-fuzz` with libFuzzer).
        .target(
            name: "SnapdriftFuzzing",
            dependencies: ["SnapdriftCore", "SnapdriftMarkup"]
        ),
        .executableTarget(
            name: "snapdrift-fuzz",
            dependencies: ["SnapdriftFuzzing"]
        ),
        .target(
            name: "SnapdriftTestSupport",
            dependencies: ["SnapdriftCore"],
            path: "Tests/SnapdriftTestSupport"
        ),
        .testTarget(
            name: "SnapdriftMarkupTests",
            dependencies: ["SnapdriftMarkup", "SnapdriftTestSupport"]
        ),
        .testTarget(
            name: "SnapdriftCoreTests",
            dependencies: ["SnapdriftCore", "SnapdriftTestSupport", "SnapdriftFuzzing"],
            exclude: ["Report/Pinned"]
        ),
        .testTarget(
            name: "SnapdriftEndToEndTests",
            dependencies: ["snapdrift", "SnapdriftCore", "SnapdriftTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
