// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ZoneAtlas",
    products: [
        .library(name: "ZoneGeometry", targets: ["ZoneGeometry"]),
        .library(name: "ZoneProjection", targets: ["ZoneProjection"]),
        .library(name: "ZoneGeoJSON", targets: ["ZoneGeoJSON"]),
        .library(name: "ZoneAtlas", targets: ["ZoneAtlas"]),
        .executable(name: "zoneatlas", targets: ["zoneatlas"]),
        .executable(name: "zoneatlas-bench", targets: ["zoneatlas-bench"]),
        .executable(name: "geodesic-area", targets: ["GeodesicAreaExample"]),
        .executable(name: "planning-review", targets: ["PlanningReviewExample"]),
        .executable(name: "registry-history", targets: ["RegistryHistoryExample"]),
        .executable(name: "review-with-deadline", targets: ["ReviewWithDeadlineExample"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The PostGIS store: PostgreSQL's wire protocol on SwiftNIO.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // `swift package generate-documentation` (scripts/docs.sh); a plugin only, linked into nothing.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // System libraries, linked through pkg-config; never vendored.
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),

        // The only code that touches GEOS.
        .target(name: "ZoneGeometry", dependencies: ["CGEOS"]),
        // The only code that touches PROJ.
        .target(name: "ZoneProjection", dependencies: ["CPROJ", "ZoneGeometry"]),
        // RFC 7946 reading, validation with located problems, and writing.
        .target(name: "ZoneGeoJSON", dependencies: ["ZoneGeometry", "ZoneProjection"]),
        // The domain: zones, communes, corridors, the registry and its GeoPackage and PostGIS stores, the analyses.
        .target(name: "ZoneAtlas", dependencies: [
            "ZoneGeoJSON", "ZoneGeometry", "ZoneProjection",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The command-line tool: parse options, call the library, format output.
        .executableTarget(name: "zoneatlas", dependencies: [
            "ZoneAtlas", "ZoneGeoJSON", "ZoneGeometry", "ZoneProjection",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Benchmark against the peers in ../shared/bench (not a test: run it in release mode).
        .executableTarget(name: "zoneatlas-bench", dependencies: ["ZoneAtlas", "ZoneGeoJSON", "ZoneGeometry", "ZoneProjection"],
                          exclude: ["run-peers.sh"]),

        .executableTarget(
            name: "GeodesicAreaExample",
            dependencies: ["ZoneGeoJSON", "ZoneGeometry", "ZoneProjection"],
            path: "Examples/GeodesicArea"),
        .executableTarget(name: "PlanningReviewExample", dependencies: ["ZoneAtlas"], path: "Examples/PlanningReview"),
        .executableTarget(name: "RegistryHistoryExample", dependencies: ["ZoneAtlas"], path: "Examples/RegistryHistory"),
        .executableTarget(name: "ReviewWithDeadlineExample", dependencies: ["ZoneAtlas"], path: "Examples/ReviewWithDeadline"),

        // What the tests share: running a program with a deadline.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ZoneGeometryTests", dependencies: ["ZoneGeometry", "TestSupport"]),
        .testTarget(name: "ZoneProjectionTests", dependencies: ["ZoneProjection", "ZoneGeometry", "TestSupport"]),
        .testTarget(name: "ZoneGeoJSONTests", dependencies: ["ZoneGeoJSON", "ZoneGeometry", "ZoneProjection"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ZoneAtlasTests", dependencies: ["ZoneAtlas", "ZoneGeoJSON", "ZoneGeometry", "ZoneProjection", "TestSupport"]),
        .testTarget(name: "ZoneAtlasCLITests", dependencies: ["zoneatlas", "TestSupport"]),
    ]
)
