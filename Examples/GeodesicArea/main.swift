// Prints the geodesic area of every polygon in a GeoJSON file, on the WGS84 ellipsoid, next to
// its planar area in a projected CRS (VN-2000 / TM-3 105-45, Hai Phong's, by default).
//
//     swift run geodesic-area GeoData/zones.geojson [EPSG:9210]
import Foundation
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

let arguments = CommandLine.arguments.dropFirst()
guard let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: geodesic-area FILE.geojson [CRS]\n".utf8))
    exit(2)
}

do {
    let projected = try CRS(arguments.dropFirst().first ?? "EPSG:9210")
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
} catch {
    FileHandle.standardError.write(Data("geodesic-area: \(error)\n".utf8))
    exit(1)
}
