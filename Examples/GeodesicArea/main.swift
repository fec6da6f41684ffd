// Prints the geodesic area of every polygon in a GeoJSON file, on the WGS84 ellipsoid, next to
// its planar area in a projected CRS (VN-2000 / TM-3 105-45, Hai Phong's, by default). Without a
// file it measures one zone, as the README's library section shows.
//
//     swift run geodesic-area GeoData/zones.geojson [EPSG:9210]
//     swift run geodesic-area
import Foundation
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// One zone on the ellipsoid and in VN-2000 / TM-3 105-45: the README's library example.
func measureOneZone() throws {
    let zone = try Geometry(wkt: "POLYGON ((106.7 20.8, 106.71 20.8, 106.71 20.81, 106.7 20.81, 106.7 20.8))")
    let measure = try Geodesic.wgs84.measure(zone)              // 115.26 ha, 4,296.4 m
    let tm3 = try Transformer(from: .wgs84, to: .epsg(9210))    // VN-2000 / TM-3 105-45
    let planar = try tm3.transform(zone).area()                 // 1,152,633 m²
    print(String(format: "%.2f ha, %.1f m, planar %.0f m²", measure.areaHectares, measure.perimeterMetres, planar))
}

/// Every polygon of the GeoJSON file at `path`: geodesic m², ha and perimeter m, planar ha in `crs`.
func measureFile(_ path: String, crs: String) throws {
    let projected = try CRS(crs)
    let toProjected = try Transformer(from: .wgs84, to: projected)
    let file = try GeoJSONReader().read(contentsOf: path)
    print("name\tgeodesic m²\tgeodesic ha\tperimeter m\tplanar ha (\(projected.name))")
    var total = 0.0
    for feature in file.collection.features {
        guard let shape = feature.geometry, shape.type.isPolygonal else { continue }
        let name = feature[property: "name"]?.stringValue ?? "feature \(feature.index)"
        let measure = try Geodesic.wgs84.measure(shape)
        let planar = try toProjected.transform(shape).area()
        total += measure.areaSquareMetres
        print(name, String(format: "%.1f", measure.areaSquareMetres), String(format: "%.2f", measure.areaHectares),
              String(format: "%.1f", measure.perimeterMetres), String(format: "%.2f", planar / 10_000), separator: "\t")
    }
    print("total", String(format: "%.1f", total), String(format: "%.2f", total / 10_000), separator: "\t")
}

let arguments = CommandLine.arguments.dropFirst()
do {
    if let path = arguments.first {
        try measureFile(path, crs: arguments.dropFirst().first ?? "EPSG:9210")
    } else {
        try measureOneZone()
    }
} catch {
    FileHandle.standardError.write(Data("geodesic-area: \(error)\n".utf8))
    exit(1)
}
