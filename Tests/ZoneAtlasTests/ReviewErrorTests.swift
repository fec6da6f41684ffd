import Foundation
import Testing
import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// Every way a review fails is a `ReviewError` that keeps the lower layer's error and says where:
/// the file, the registry's file, the phase and the feature, the folder. The oracles are the inputs
/// the tests make (the paths, ids and phases they choose) and, for PROJ, its own refusal of a
/// latitude past the pole.
struct ReviewErrorTests {
    @Test func aFileThatCannotBeReadIsAReadingErrorNamingIt() {
        #expect {
            try PlanningReview.make(paths: ["/nonexistent/zones.geojson"])
        } throws: { error in
            guard case let .reading(.unreadable(path, _)) = error as? ReviewError else { return false }
            return path == "/nonexistent/zones.geojson"
        }
    }

    @Test func aGeoPackageThatIsNoDatabaseIsARegistryErrorNamingIt() throws {
        let path = try Paths.temporaryDirectory().appendingPathComponent("broken.gpkg").path
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try PlanningReview.make(paths: [path])
        } throws: { error in
            guard case let .registry(registryError) = error as? ReviewError else { return false }
            return "\(registryError)".contains(path)
        }
    }

    /// A zone with a vertex at latitude 95° (PROJ cannot project it) in the registry: the review
    /// fails in the phase that measures areas, naming the zone, with PROJ's error kept.
    @Test func anAnalysisFailureNamesThePhaseAndTheFeature() throws {
        let path = try Paths.temporaryDirectory().appendingPathComponent("registry.gpkg").path
        let store = GeoPackageStore(path: path)
        let good = try Geometry(wkt: "POLYGON((106.6 20.8, 106.7 20.8, 106.7 20.9, 106.6 20.8))")
        let bad = try Geometry(wkt: "POLYGON((106.6 20.8, 106.7 95, 106.7 20.9, 106.6 20.8))")
        try store.write { writer in
            try writer.upsert([.zone(Zone(id: "good", name: "good", kind: .industrialPark, geometry: good)),
                               .zone(Zone(id: "bad", name: "bad", kind: .industrialPark, geometry: bad))])
        }
        #expect {
            try PlanningReview.make(paths: [], registry: store)
        } throws: { error in
            guard case let .analysis(.projection(_, feature), phase) = error as? ReviewError else { return false }
            return phase == .areas && feature == FeatureReference(layer: .zones, id: "bad")
        }
    }

    @Test func aReviewWhoseFlagIsRaisedIsCancelledAsItBegins() {
        let flag = WorkCancellation()
        flag.cancel()
        #expect {
            try WorkCancellation.checking(flag) { () throws(ReviewError) in try PlanningReview.make(paths: [Paths.geoData]) }
        } throws: { error in
            guard case .cancelled(phase: .reading) = error as? ReviewError else { return false }
            return true
        }
    }

    @Test func aFolderThatCannotBeMadeIsAWritingErrorNamingIt() throws {
        let review = try PlanningReview.make(paths: [Paths.geoData])
        #expect {
            try review.write(to: "/dev/null/review")
        } throws: { error in
            guard case let .writing(path, _) = error as? ReviewError else { return false }
            return path == "/dev/null/review"
        }
    }
}
