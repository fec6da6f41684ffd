import Foundation
import Testing
@testable import ZoneAtlas
import ZoneGeometry
import ZoneProjection

/// The analyses. Oracles: pyproj 3.7.2 + shapely 2.2.0 run once on the same files (values
/// recorded here), cs2cs for points, and hand calculation on simple shapes.
struct AnalysisTests {
    func zone(_ id: String, _ wkt: String, parent: String? = nil) throws -> Zone {
        Zone(id: id, name: id, kind: .industrialPark, parentID: parent, geometry: try Geometry(wkt: wkt))
    }

    /// A 1 km square with a 500 m square hole, drawn in VN-2000 / TM-3 105-45 and given here in
    /// lon/lat from PROJ's cs2cs (`cs2cs -f %.10f EPSG:9210 EPSG:4326`, proj-bin 9.1.1): its planar
    /// area in EPSG:9210 is 1,000,000 − 250,000 m² by hand (1e-10° rounds a corner by under 1 cm).
    @Test func aHoleIsLeftOutOfThePlanarArea() throws {
        let wkt = "POLYGON ((106.6820976654 20.8569657567, 106.6917063705 20.8569131658, 106.6917626217 20.8659450611, "
            + "106.6821533428 20.8659976768, 106.6820976654 20.8569657567), (106.6845137969 20.8592106389, "
            + "106.6845417073 20.8637265959, 106.6893462750 20.8637002911, 106.6893182211 20.8591843403, 106.6845137969 20.8592106389))"
        let report = try AreaReport.measure([try zone("with-hole", wkt)], crs: try CRS.epsg(9210))
        let row = try #require(report.rows.first)
        #expect(abs(row.planarAreaSquareMetres - 750_000) < 0.05, "\(row.planarAreaSquareMetres)")
    }

    @Test func areasAgainstPyproj() throws {
        let registry = try RegistryTests.geoData()
        let report = try AreaReport.measure(registry.zones, tolerancePercent: 5)
        // The zones' names mention Hải Phòng, which PROJ lists for VN-2000 / TM-3 105-45.
        #expect(report.crs == (try CRS.epsg(9210)))
        // pyproj: Geod(ellps='WGS84').geometry_area_perimeter, and the area after
        // Transformer.from_crs(4326, 9210, always_xy=True).
        let expected: [String: (Double, Double)] = [
            "ez-dinh-vu-cat-hai": (236983617.04896158, 237003556.30645412),
            "sez-hai-phong": (53000176.07309085, 52991802.463977724),
            "ip-trang-due": (3999926.709002435, 3999806.4799809246),
        ]
        for (id, (geodesic, planar)) in expected {
            let row = try #require(report.rows.first { $0.id == id })
            #expect(abs(row.geodesicAreaSquareMetres - geodesic) / geodesic < 1e-9, "\(id)")
            #expect(abs(row.planarAreaSquareMetres - planar) / planar < 1e-8, "\(id)")
        }
        // The Dinh Vu – Cat Hai sketch is 23,698.36 ha against 22,540 declared: +5.14 %, flagged.
        let dinhVu = try #require(report.rows.first { $0.id == "ez-dinh-vu-cat-hai" })
        #expect(dinhVu.flagged)
        #expect(abs((dinhVu.differencePercent ?? 0) - (23698.3617048961 - 22540) / 22540 * 100) < 1e-6)
        #expect(report.rows.filter(\.flagged).map(\.id) == ["ez-dinh-vu-cat-hai"])
        let parks = try #require(report.totals.first { $0.kind == "industrial_park" })
        #expect(parks.count == 5)
        #expect(abs(parks.declaredAreaHectares - (541 + 1329 + 400 + 226.01 + 226.79)) < 1e-9)
    }

    @Test func projectedCRSFitsTheData() throws {
        // GeoData spans about 105.9–107.2 °E, 20.1–21.2 °N (ogrinfo extents of its three files).
        let haiPhong = Envelope(minX: 105.918, minY: 20.124, maxX: 107.741, maxY: 21.237)
        // Zones whose text names Hải Phòng get its own TM-3 zone; unnamed data the nearest meridian's
        // among those whose area of use holds it (projinfo: 9210 105.26–107.8 °E, 9214 105.88–108.24 °E;
        // the centre 106.83 °E is nearest 107°00′).
        #expect(try ProjectedCRSChoice.fitting(haiPhong, places: ["Khu kinh tế ven biển phía Nam Hải Phòng"]) == CRS.epsg(9210))
        #expect(try ProjectedCRSChoice.fitting(haiPhong, places: []) == CRS.epsg(9214))
        // Paris is in UTM zone ⌊(2.35 + 180) / 6⌋ + 1 = 31 north.
        #expect(try ProjectedCRSChoice.fitting(Envelope(minX: 2.2, minY: 48.8, maxX: 2.5, maxY: 48.9)) == CRS.epsg(32631))
        #expect(ProjectedCRSChoice.placeNames("Vietnam - Hai Phong and Ho Chi Minh cities; Ben Tre and Long An provinces.")
                == ["hai phong", "ho chi minh", "ben tre", "long an"])
    }

    @Test func apportionTheSpecialisedZone() throws {
        let registry = try RegistryTests.geoData()
        let sez = try #require(registry.zones.first { $0.id == "sez-hai-phong" })
        let result = try Apportionment.compute(zones: [sez], communes: registry.communes)
        // shapely intersection + pyproj geodesic area, per host commune: (m², share of zone, share of commune).
        let expected: [String: (Double, Double, Double)] = [
            "10993": (3511105.023526609, 0.06624704451329663, 0.13729705061064118),
            "10966": (6063743.357010663, 0.11440987193416768, 0.232809241109514),
            "11242": (17975275.334860817, 0.3391550116752761, 0.5780971974414323),
            "11254": (14197553.726621486, 0.26787748227557007, 0.5171675695684746),
            "11257": (6243797.18182528, 0.1178071026257471, 0.21463242962033643),
            "11239": (5009044.872215055, 0.09450996663307762, 0.18850964007070753),
        ]
        #expect(result.parts.count == 6)
        for part in result.parts {
            let (area, ofZone, ofCommune) = try #require(expected[part.commune.id])
            #expect(abs(part.areaSquareMetres - area) / area < 1e-8, "\(part.commune.name)")
            #expect(abs(part.shareOfZone - ofZone) < 1e-8 && abs(part.shareOfCommune - ofCommune) < 1e-8)
        }
        // The six parts make the whole zone: nothing lies outside the communes.
        #expect(result.zones.first!.outsideSquareMetres < 1)
    }

    @Test func overlapsTouchesAndContainment() throws {
        // Two squares sharing an edge touch: no overlap. A park inside its declared parent is containment;
        // the same park not declared in it is a conflict.
        let west = try zone("west", "POLYGON ((106.0 20.0, 106.1 20.0, 106.1 20.1, 106.0 20.1, 106.0 20.0))")
        let east = try zone("east", "POLYGON ((106.1 20.0, 106.2 20.0, 106.2 20.1, 106.1 20.1, 106.1 20.0))")
        let child = try zone("child", "POLYGON ((106.02 20.02, 106.04 20.02, 106.04 20.04, 106.02 20.04, 106.02 20.02))", parent: "west")
        let stray = try zone("stray", "POLYGON ((106.02 20.06, 106.04 20.06, 106.04 20.08, 106.02 20.08, 106.02 20.06))")
        let report = try OverlapReport.find([west, east, child, stray])
        #expect(report.pairs.map { "\($0.a.id)/\($0.b.id) \($0.relation.rawValue)" }.sorted()
                == ["west/child containment", "west/stray overlap"])
        let contained = try #require(report.pairs.first { $0.b.id == "child" })
        // The child lies wholly inside: its share is 1 and the overlap is its area, which pyproj gives as
        // abs(Geod(ellps='WGS84').geometry_area_perimeter(child)[0]) = 4633089.643544197 m².
        #expect(abs(contained.shareOfB - 1) < 1e-12)
        #expect(abs(contained.areaSquareMetres - 4633089.643544197) < 1e-6)
        #expect(report.conflicts.count == 1)
        #expect(try OverlapReport.find([west, east]).pairs.isEmpty)
    }

    @Test func realCommuneCoverage() throws {
        let entries = try RegistryImporter(mapper: FeatureMapper(layer: .communes))
            .read(["\(Paths.sharedData)/hai_phong_communes_2025.geojson"]).entries.map(\.feature)
        let report = try CoverageReport.check(entries)
        // shapely 2.2 (GEOS 3.14) + pyproj on the same file: 249 pairs overlap, 4,310,427.84 m² in all; the union
        // has 840 holes, 4,309,128.50 m², and covers 3,075,807,335.25 m². GEOS 3.11's overlay nodes the
        // slivers a little differently, so totals are compared to 0.1 %, counts to one in a hundred.
        let overlapArea = report.overlaps.reduce(0) { $0 + $1.areaSquareMetres }
        #expect(abs(Double(report.overlaps.count) - 249) <= 2.5)
        #expect(abs(overlapArea - 4310427.842726121) / 4310427.842726121 < 1e-3)
        let gapArea = report.gaps.reduce(0) { $0 + $1.areaSquareMetres }
        #expect(abs(Double(report.gaps.count) - 840) <= 8.4)
        #expect(abs(gapArea - 4309128.498313814) / 4309128.498313814 < 1e-3)
        #expect(abs(report.coveredSquareMetres - 3075807335.248962) / 3075807335.248962 < 1e-6)
        #expect(report.gaps.allSatisfy { !$0.neighbours.isEmpty })
    }

    @Test func corridorDistanceInMetres() throws {
        // In WGS 84 / UTM 48N (EPSG:32648): a 1 km square at 600000–601000 E, 2300000–2301000 N and a line
        // 300 m east of it, taken to lon/lat by PROJ's cs2cs:
        // printf "600000 2300000\n601000 2300000\n601000 2301000\n600000 2301000\n601300 2300000\n601300 2301000\n" |
        //   cs2cs -f %.12f EPSG:32648 EPSG:4326
        let square = try zone("square", """
            POLYGON ((105.960871136097 20.797188997795, 105.970478813119 20.797134927307, 105.970536614914 20.806169482606, \
            105.960928365873 20.806223578707, 105.960871136097 20.797188997795))
            """)
        let line = Corridor(id: "road", name: "road", kind: .road,
                            geometry: try Geometry(wkt: "LINESTRING (105.973361110219 20.797118601295, 105.973419083618 20.806153148861)"))
        let utm = try CRS.epsg(32648)
        let near = try CorridorAdjacency.find(corridors: [line], zones: [square], distanceMetres: 300.001, crs: utm)
        #expect(near.pairs.count == 1)
        #expect(abs((near.pairs.first?.distanceMetres ?? 0) - 300) < 1e-6)
        #expect(near.pairs.first?.touches == false)
        #expect(try CorridorAdjacency.find(corridors: [line], zones: [square], distanceMetres: 299.999, crs: utm).pairs.isEmpty)
    }

    @Test func sharedBoundaryGraph() throws {
        // Squares sharing the meridian 106.1 °E from 20.0 to 20.1 °N: the shared length is the geodesic
        // length of that edge, `echo 20 106.1 20.1 106.1 | geod -I +ellps=WGS84 -F %.6f` → 11070.491303 m.
        let west = try zone("west", "POLYGON ((106.0 20.0, 106.1 20.0, 106.1 20.1, 106.0 20.1, 106.0 20.0))")
        let east = try zone("east", "POLYGON ((106.1 20.0, 106.2 20.0, 106.2 20.1, 106.1 20.1, 106.1 20.0))")
        let corner = try zone("corner", "POLYGON ((106.2 20.1, 106.3 20.1, 106.3 20.2, 106.2 20.2, 106.2 20.1))")
        let graph = try AdjacencyGraph.build([west, east, corner])
        #expect(graph.edges.count == 1)
        #expect(graph.edges.first.map { "\($0.a.id)-\($0.b.id)" } == "west-east")
        #expect(abs((graph.edges.first?.sharedLengthMetres ?? 0) - 11070.491303) < 1e-5)
    }
}

/// CSV as RFC 4180 writes it (expected text written by hand from the RFC's rules): fields with a
/// comma, a quote or a line break — a CR LF pair included — are quoted, quotes doubled.
struct AnalysisTableCSVTests {
    @Test func fieldsAreQuotedByTheRFCsRules() {
        let table = AnalysisTable(columns: ["id", "name", "note"], rows: [
            [.string("a"), .string("Hải Phòng, Việt Nam"), .string("say \"hi\"")],
            [.string("b"), .string("line\r\nbreak"), .null],
            [.number("3"), .string("plain"), .array([.string("x"), .string("y")])],
        ])
        #expect(table.csv() == "id,name,note\r\na,\"Hải Phòng, Việt Nam\",\"say \"\"hi\"\"\"\r\nb,\"line\r\nbreak\",\r\n3,plain,\"x, y\"\r\n")
    }
}
