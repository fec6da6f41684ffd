import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ZoneAtlas
import ZoneProjection

/// The planning review of GeoData/: its map checked as XML against PROJ's cs2cs, rendered by
/// rsvg-convert, and its page checked for links that resolve and nothing fetched from outside.
struct ReviewTests {
    static func written() throws -> (PlanningReview, URL) {
        let review = try PlanningReview.make(paths: [Paths.geoData])
        let directory = try Paths.temporaryDirectory()
        try review.write(to: directory.path)
        return (review, directory)
    }

    @Test func writesEveryFile() throws {
        let (review, directory) = try Self.written()
        for name in ["index.html", "map.svg", "review.json", "overlaps.geojson", "gaps.geojson", "commune-overlaps.geojson", "areas.csv",
                     "overlaps.csv", "gaps.csv"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path), "\(name)")
        }
        #expect(review.zones.count == 8 && review.communes.count == 10 && review.corridors.count == 7)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("review.json"))) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["zones"] as? Int == 8 && summary["conflicts"] as? Int == 0 && summary["flagged"] as? Int == 1)
        // The overlaps layer holds the five parks inside their economic zones.
        let overlaps = try String(contentsOf: directory.appendingPathComponent("overlaps.geojson"), encoding: .utf8)
        #expect(overlaps.components(separatedBy: "\"containment\"").count - 1 == 5)
    }

    @Test func mapHasWhatAPlannerNeeds() throws {
        let (review, directory) = try Self.written()
        let document = try XMLDocument(contentsOf: directory.appendingPathComponent("map.svg"))
        func elements(_ xpath: String) throws -> [XMLElement] { try document.nodes(forXPath: xpath).compactMap { $0 as? XMLElement } }
        // (FoundationXML's attribute(forName:) misses attributes in a namespaced document on Linux.)
        func attribute(_ element: XMLElement?, _ name: String) -> String? { element?.attributes?.first { $0.name == name }?.stringValue }

        // A path per zone, per commune and per corridor.
        #expect(try elements("//*[@class='zone']").count == review.zones.count)
        #expect(try elements("//*[@class='commune']").count == review.communes.count)
        #expect(try elements("//*[@class='corridor']").count == review.corridors.count)
        // A legend entry per zone kind and corridor kind.
        let legendKinds = Set(try elements("//*[@class='legend-entry']").compactMap { attribute($0, "data-kind") })
        #expect(Set(review.zones.map(\.kind.rawValue)).isSubset(of: legendKinds))
        #expect(Set(review.corridors.map(\.kind.rawValue)).isSubset(of: legendKinds))
        // Drawn in metres in Hai Phong's VN-2000 / TM-3 105-45, named on the map.
        #expect(attribute(document.rootElement(), "data-crs") == "EPSG:9210")
        #expect(try elements("//*[@id='crs']").first?.stringValue?.contains("VN-2000 / TM-3 105-45") == true)
        #expect(try !elements("//*[@id='north-arrow']").isEmpty)
        #expect(try elements("//*[@class='label zone-label']").count >= 6)

        // The scale: the first vertices of two zones, taken to EPSG:9210 by PROJ's cs2cs
        // (`printf "20.783094 106.155345\n20.813777 106.554066\n" | cs2cs -f %.4f EPSG:4326 EPSG:9210`
        // → 542004.6325 2298994.1955 and 583499.9628 2302546.6221), are this many pixels apart.
        func firstPoint(_ id: String) throws -> (Double, Double) {
            let d = try #require(attribute(try elements("//*[@id='\(id)']").first, "d"))
            let numbers = d.dropFirst().split(whereSeparator: { $0 == " " || $0 == "L" }).prefix(2).compactMap { Double($0) }
            return (numbers[0], numbers[1])
        }
        let (x1, y1) = try firstPoint("zone-sez-hai-phong"), (x2, y2) = try firstPoint("zone-ip-trang-due")
        let pixelsPerMetre = (x2 - x1) / (583499.9628 - 542004.6325)
        #expect(abs((y1 - y2) / (2302546.6221 - 2298994.1955) - pixelsPerMetre) < 2e-4)  // one scale both ways; y points down
        let bar = try #require(try elements("//*[@id='scale-bar']").first)
        let metres = try #require(attribute(bar, "data-metres").flatMap(Double.init))
        let line = try #require(try elements("//*[@id='scale-bar-length']").first)
        let length = try #require(attribute(line, "x2").flatMap(Double.init)) - (try #require(attribute(line, "x1").flatMap(Double.init)))
        #expect(abs(length - metres * pixelsPerMetre) < 0.5, "\(length) px for \(metres) m at \(pixelsPerMetre) px/m")
        #expect([1.0, 2, 5].contains(metres / pow(10, log10(metres).rounded(.down))))
    }

    @Test func rsvgRendersTheMap() throws {
        let (_, directory) = try Self.written()
        let png = directory.appendingPathComponent("map.png").path
        let run = try Paths.run("rsvg-convert", ["-o", png, directory.appendingPathComponent("map.svg").path])
        #expect(run.status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(bytes.count > 20_000)
    }

    @Test func pageLinksResolveAndNothingComesFromOutside() throws {
        let (_, directory) = try Self.written()
        let page = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        // The markup, without the inline scripts (Leaflet's own strings hold links of its controls).
        let html = page.replacingOccurrences(of: "<script[^>]*>[\\s\\S]*?</script>", with: "", options: .regularExpression)
        #expect(html.count < page.count / 2)
        let ids = Set(matches(##"\sid="([^"]+)""##, in: html))
        let targets = matches(##"href="#([^"]+)""##, in: html)
        #expect(targets.count > 20)
        for target in targets { #expect(ids.contains(target), "#\(target) does not resolve") }
        for file in matches(##"href="([^"#][^"]*)""##, in: html) {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path), "\(file)")
        }
        // Scripts and styles are inline: nothing is loaded by URL (the browser test also watches the network).
        #expect(!page.contains("<link") && !page.contains("<script src") && !page.contains("<img") && !page.contains("@import"))
        #expect(!page.contains("url(images/"))
        // Leaflet's copyright and licence notice travel with it.
        #expect(page.contains("Vladimir Agafonkin") && page.contains("BSD-2-Clause"))
        for section in ["summary", "map", "areas", "overlaps", "apportionment", "coverage", "corridors", "problems"] {
            #expect(ids.contains(section), "\(section)")
        }
    }

    @Test func problemsLinkToTheirFeatures() throws {
        let directory = try Paths.temporaryDirectory()
        let file = directory.appendingPathComponent("zones.geojson")
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"kcn-a","properties":{"name":"KCN A","kind":"industrial_park"},"geometry":{"type":"Polygon","coordinates":[[[106.70,20.80],[106.72,20.82],[106.72,20.80],[106.70,20.82],[106.70,20.80]]]}},{"type":"Feature","id":"kcn-b","properties":{"name":"KCN B","kind":"industrial_park"},"geometry":{"type":"Polygon","coordinates":[[[106.71,20.80],[106.73,20.80],[106.73,20.82],[106.71,20.82],[106.71,20.80]]]}}]}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let review = try PlanningReview.make(paths: [file.path])
        #expect(review.inputErrors.map(\.code) == [.repaired])
        #expect(review.conflicts.count == 1)
        let out = directory.appendingPathComponent("review")
        try review.write(to: out.path)
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("href=\"#zone-row-kcn-a\">feature 0 (KCN A)</a>"))
        #expect(html.contains("id=\"zone-row-kcn-a\""))
    }

    /// A name with a character XML forbids (U+000B) and markup in it must not break the map or the page.
    @Test func namesAreEscapedAndForbiddenCharactersDropped() throws {
        let directory = try Paths.temporaryDirectory()
        let file = directory.appendingPathComponent("zones.geojson")
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"kcn-a","properties":{"name":"KCN\u000b A </script><b>&amp;","kind":"industrial_park"},"geometry":{"type":"Polygon","coordinates":[[[106.70,20.80],[106.72,20.80],[106.72,20.82],[106.70,20.82],[106.70,20.80]]]}}]}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let review = try PlanningReview.make(paths: [file.path])
        #expect(review.zones.first?.name.unicodeScalars.contains("\u{0B}") == true)
        let out = directory.appendingPathComponent("review")
        try review.write(to: out.path)
        // FoundationXML (libxml2) refuses a document with U+000B: this parse is the check.
        let document = try XMLDocument(contentsOf: out.appendingPathComponent("map.svg"))
        let title = try document.nodes(forXPath: "//*[@class='zone']/*[local-name()='title']").first?.stringValue
        #expect(title == "KCN A </script><b>&amp;")
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<td>KCN A &lt;/script&gt;&lt;b&gt;&amp;amp;</td>"))
        // Inside the map's JSON, "<" is written \u003c, so the name cannot close the script element.
        #expect(html.components(separatedBy: "</script>").count - 1 == 3)
        #expect(!html.unicodeScalars.contains("\u{0B}"))
    }

    @Test func withoutLeafletNothingIsWritten() throws {
        let review = try PlanningReview.make(paths: [Paths.geoData])
        let out = try Paths.temporaryDirectory().appendingPathComponent("review")
        #expect {
            try review.write(to: out.path, leafletDirectory: "/nonexistent")
        } throws: { error in
            guard case let .leafletMissing(path) = error as? ReviewError else { return false }
            return path == "/nonexistent/leaflet.js"
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// The real communes with the port channels: slivers set aside and counted, every written
    /// polygon valid for GDAL, an inset for Bạch Long Vĩ, no label made from a file name.
    @Test func realCommunesWithChannels() throws {
        let review = try PlanningReview.make(
            paths: [Paths.sharedData + "/hai_phong_communes_2025.geojson", Paths.sharedData + "/hai_phong_port_channels.geojson"],
            slivers: SliverTolerance(widthMetres: 20))
        let coverage = try #require(review.coverage)
        // shapely + pyproj: 249 overlapping pairs and 840 gaps in all (AnalysisTests records the oracle);
        // listed and set aside add up to them.
        #expect(abs(Double(coverage.overlaps.count + coverage.overlapSlivers.count) - 249) <= 2.5)
        #expect(abs(Double(coverage.gaps.count + coverage.gapSlivers.count) - 840) <= 8.4)
        #expect(coverage.gapSlivers.count > coverage.gaps.count && coverage.overlapSlivers.count > coverage.overlaps.count)
        let out = try Paths.temporaryDirectory()
        try review.write(to: out.path)
        for layer in ["gaps", "commune-overlaps", "overlaps"] {
            let path = out.appendingPathComponent("\(layer).geojson").path
            // GDAL (SQLite dialect, GEOS's IsValid underneath, but run by ogrinfo, not by this code) counts invalid polygons.
            let run = try Paths.run("ogrinfo", ["-q", "-dialect", "sqlite", "-sql", "SELECT count(*) - coalesce(sum(ST_IsValid(geometry)), 0) AS invalid FROM \"\(layer)\"", path])
            #expect(run.status == 0 && run.output.contains("invalid (Integer) = 0"), "\(layer): \(run.output)")
        }
        let svg = try String(contentsOf: out.appendingPathComponent("map.svg"), encoding: .utf8)
        #expect(svg.contains("class=\"inset\"") && svg.contains("Bạch Long Vĩ"))
        #expect(!svg.contains("hai_phong_port_channels#"))
        let labels = try XMLDocument(contentsOf: out.appendingPathComponent("map.svg"))
            .nodes(forXPath: "//*[local-name()='text'][contains(@class, 'label')]").compactMap(\.stringValue)
        #expect(labels.count >= 30 && labels.allSatisfy { !$0.contains("#") })
    }

    private func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}

/// The review reads GeoJSON in batches, measuring as it reads; where a file's batches turn out
/// void it reads the file whole, so the review sees what a whole read sees.
struct ReviewReadingTests {
    /// A 1 km square in VN-2000 / TM-3 105-45 (EPSG:9210), and its corners in lon/lat from PROJ's
    /// cs2cs (proj-bin 9.1.1: `cs2cs -f %.10f EPSG:9210 EPSG:4326`, as in CoordinateSystemTests).
    static let squareTM3 = "[[[596800,2307400],[597800,2307400],[597800,2308400],[596800,2308400],[596800,2307400]]]"
    static let squareLonLat = "[[[106.6820976654,20.8569657567],[106.6917063705,20.8569131658],[106.6917626217,20.8659450611],"
        + "[106.6821533428,20.8659976768],[106.6820976654,20.8569657567]]]"

    static func zone(_ number: Int, _ coordinates: String) -> String {
        #"{"type":"Feature","properties":{"id":"kcn-\#(number)","name":"KCN \#(number)","kind":"industrial_park"},"#
            + #""geometry":{"type":"Polygon","coordinates":\#(coordinates)}}"#
    }

    /// The TM-3 square and 1,999 more, each 2 km further east: more features than the review's
    /// batches hold, so batches are handed out before the end of the file.
    static var manySquaresTM3: String {
        (0..<2_000).map { k in
            zone(k, "[[" + [(596800, 2307400), (597800, 2307400), (597800, 2308400), (596800, 2308400), (596800, 2307400)]
                .map { "[\($0.0 + 2_000 * k),\($0.1)]" }.joined(separator: ",") + "]]")
        }.joined(separator: ",")
    }

    static func review(_ text: String) throws -> PlanningReview {
        let file = try Paths.temporaryDirectory().appendingPathComponent("zones.geojson")
        try Data(text.utf8).write(to: file)
        return try PlanningReview.make(paths: [file.path])
    }

    @Test func aCRSNamedAfterTheFeaturesIsStillApplied() throws {
        // GDAL writes "crs" before "features"; a file written the other way round names it too late for a streaming read.
        let late = try Self.review(#"{"type":"FeatureCollection","features":[\#(Self.manySquaresTM3)],"#
            + #""crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::9210"}}}"#)
        let lonLat = try Self.review(#"{"type":"FeatureCollection","features":[\#(Self.zone(0, Self.squareLonLat))]}"#)
        #expect(late.inputErrors.isEmpty, "\(late.inputErrors.prefix(3))")
        #expect(late.zones.count == 2_000 && late.areas.rows.count == 2_000)
        let measured = try #require(late.areas.rows.first { $0.id == "kcn-0" }?.geodesicAreaSquareMetres)
        let oracle = try #require(lonLat.areas.rows.first?.geodesicAreaSquareMetres)
        #expect(abs(measured - oracle) / oracle < 1e-6, "\(measured) m² vs \(oracle) m²")
    }

    @Test func jsonThatBreaksAfterTheFeaturesLeavesNoFeatures() throws {
        let broken = try Self.review(#"{"type":"FeatureCollection","features":[\#(Self.manySquaresTM3)], "bbox": [1, 2"#)
        #expect(broken.zones.isEmpty && broken.areas.rows.isEmpty)
        #expect(broken.inputErrors.contains { $0.code == .invalidJSON }, "\(broken.inputErrors)")
    }

    /// Planar areas taken while reading, in the CRS the first batch chooses, are used only when
    /// the whole extent chooses the same one: here 2,000 squares near Hà Nội come first and
    /// five near Đà Nẵng (108.2° E) after, so the review measures in another CRS, and every planar
    /// area must be the one measured afresh in that CRS.
    @Test func planarAreasTakenInAnotherCRSAreMeasuredAgain() throws {
        func square(_ number: Int, _ lon: Double, _ lat: Double) -> String {
            let ring = [(lon, lat), (lon + 0.001, lat), (lon + 0.001, lat + 0.001), (lon, lat + 0.001), (lon, lat)]
            return Self.zone(number, "[[" + ring.map { "[\($0.0),\($0.1)]" }.joined(separator: ",") + "]]")
        }
        let features = (0..<2_000).map { square($0, 105.8 + 0.002 * Double($0 % 50), 21.0 + 0.002 * Double($0 / 50)) }
            + (2_000..<2_005).map { square($0, 108.2, 16.0 + 0.002 * Double($0 - 2_000)) }
        let review = try Self.review(#"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#)
        let firstBatch = try #require(PlanningReview.fittingCRS(Array(review.zones.prefix(1_024))) ?? nil)
        #expect(review.crs != firstBatch, "the test needs the whole extent to choose another CRS than \(firstBatch.name)")
        let afresh = try AreaReport.measure(review.zones, crs: review.crs)
        #expect(review.areas.rows.count == 2_005)
        for (row, fresh) in zip(review.areas.rows, afresh.rows) {
            #expect(row.id == fresh.id && row.planarAreaSquareMetres == fresh.planarAreaSquareMetres, "\(row.id)")
        }
    }
}
