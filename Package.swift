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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
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
        // The domain: zones, communes, corridors, the registry and its GeoPackage store, the analyses.
        .target(name: "ZoneAtlas", dependencies: [
            "ZoneGeoJSON", "ZoneGeometry", "ZoneProjection",
            .product(name: "GRDB", package: "GRDB.swift"),
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

        .testTarget(name: "ZoneGeometryTests", dependencies: ["ZoneGeometry"]),
        .testTarget(name: "ZoneProjectionTests", dependencies: ["ZoneProjection", "ZoneGeometry"]),
        .testTarget(name: "ZoneGeoJSONTests", dependencies: ["ZoneGeoJSON", "ZoneGeometry", "ZoneProjection"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ZoneAtlasTests", dependencies: ["ZoneAtlas", "ZoneGeoJSON", "ZoneGeometry", "ZoneProjection"]),
        .testTarget(name: "ZoneAtlasCLITests", dependencies: ["zoneatlas"]),
    ]
)
