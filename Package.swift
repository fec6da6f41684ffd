// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ZoneAtlas",
    products: [
        .library(name: "ZoneGeometry", targets: ["ZoneGeometry"]),
        .library(name: "ZoneProjection", targets: ["ZoneProjection"]),
        .executable(name: "geodesic-area", targets: ["GeodesicAreaExample"]),
    ],
    targets: [
        // System libraries, linked through pkg-config; never vendored.
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),

        // The only code that touches GEOS.
        .target(name: "ZoneGeometry", dependencies: ["CGEOS"]),
        // The only code that touches PROJ.
        .target(name: "ZoneProjection", dependencies: ["CPROJ", "ZoneGeometry"]),

        .executableTarget(
            name: "GeodesicAreaExample",
            dependencies: ["ZoneGeometry", "ZoneProjection"],
            path: "Examples/GeodesicArea"),

        .testTarget(name: "ZoneGeometryTests", dependencies: ["ZoneGeometry"]),
        .testTarget(name: "ZoneProjectionTests", dependencies: ["ZoneProjection", "ZoneGeometry"]),
    ]
)
