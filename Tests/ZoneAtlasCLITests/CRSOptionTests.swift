import Foundation
import Testing

/// `--input-crs` and `--measure-crs` take only unambiguous definitions; planar measures refuse a geographic CRS. What PROJ's
/// fuzzy search would have guessed is `projinfo NAME -o WKT2_2019` (proj-bin 9.1.1): foo → Amersfoort,
/// wgs → WGS 72, bar → Barbados 1938.
struct CRSOptionTests {
    static let square = #"{"type":"Polygon","coordinates":[[[596800,2307400],[597800,2307400],[597800,2308400],[596800,2308400],[596800,2307400]]]}"#

    @Test(arguments: [("foo", "Amersfoort"), ("wgs", "WGS 72"), ("bar", "Barbados 1938")])
    func fuzzyNamesExitTwoNamingTheGuess(name: String, guess: String) throws {
        let file = try CLI.temporaryFile(Self.square)
        let validate = try CLI.run(["validate", file, "--input-crs", name])
        #expect(validate.status == 2)
        #expect(validate.stderr.hasPrefix("zoneatlas validate: '\(name)' is not a CRS code"), "\(validate.stderr)")
        #expect(validate.stderr.contains(guess))
        #expect(validate.stdout.isEmpty)

        let registry = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("r.gpkg").path
        let imported = try CLI.run(["import", file, "--input-crs", name, "--registry", registry])
        #expect(imported.status == 2)
        #expect(imported.stderr.contains(guess))
        #expect(!FileManager.default.fileExists(atPath: registry))
    }

    @Test func exactNamesWork() throws {
        let file = try CLI.temporaryFile(Self.square)
        #expect(try CLI.run(["validate", file, "--input-crs", "VN-2000 / TM-3 105-45"]).status == 0)
    }

    @Test func geographicMeasurementCRSExitsTwo() throws {
        let areas = try CLI.run(["areas", "GeoData/zones.geojson", "--measure-crs", "EPSG:4326"])
        #expect(areas.status == 2)
        #expect(areas.stderr.hasPrefix("zoneatlas areas: EPSG:4326 (WGS 84) is a geographic CRS"), "\(areas.stderr)")
        #expect(areas.stdout.isEmpty)
        let adjacency = try CLI.run(["adjacency", "--zones", "GeoData/zones.geojson", "--corridors", "GeoData/corridors.geojson",
                                     "--measure-crs", "EPSG:4326"])
        #expect(adjacency.status == 2)
        #expect(adjacency.stderr.hasPrefix("zoneatlas adjacency: EPSG:4326 (WGS 84) is a geographic CRS"), "\(adjacency.stderr)")
        let fuzzy = try CLI.run(["areas", "GeoData/zones.geojson", "--measure-crs", "wgs"])
        #expect(fuzzy.status == 2 && fuzzy.stderr.contains("WGS 72"))
    }
}
