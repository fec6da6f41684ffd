import Foundation
import TestSupport
import Testing
import ZoneAtlas

/// The stores every store test runs against: a new GeoPackage file, a new schema on the private
/// PostGIS server that the README's test command starts (`scripts/postgis.sh`, which sets
/// `ZONEATLAS_TEST_POSTGRES`), and where a Citus cluster's coordinator is given in
/// `ZONEATLAS_TEST_CITUS` (a URL; Citus is not in Debian, so CI has none) a new schema there.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case geoPackage, postGIS, citus

    var testDescription: String { rawValue }

    /// The Citus coordinator to test against, if one is given.
    static var citusServer: String? { ProcessInfo.processInfo.environment["ZONEATLAS_TEST_CITUS"] }

    /// The stores to test: both always, Citus when a cluster is given.
    static var underTest: [StoreKind] { citusServer == nil ? [.geoPackage, .postGIS] : allCases }

    /// A new, empty registry of this kind, with a way to ask its database directly: `sqlite3` on the
    /// file, or `psql` with the registry's schema first on the search path.
    func newStore() throws -> StoreUnderTest {
        switch self {
        case .geoPackage:
            let path = try Paths.temporaryDirectory().appendingPathComponent("registry.gpkg").path
            return StoreUnderTest(store: GeoPackageStore(path: path)) { sql in
                let run = try Subprocess.run("/usr/bin/sqlite3", [path, sql])
                #expect(run.termination.status == 0, "sqlite3: \(run.stderr)")
                return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        case .postGIS, .citus:
            let server = try #require(self == .citus ? Self.citusServer : ProcessInfo.processInfo.environment["ZONEATLAS_TEST_POSTGRES"],
                                      "start the test server: scripts/postgis.sh start && eval \"$(scripts/postgis.sh env)\"")
            let schema = "t_" + UUID().uuidString.prefix(8).lowercased()
            let store = try registryStore(at: server + "?schema=" + schema)
            return StoreUnderTest(store: store) { sql in
                let run = try Subprocess.run("/usr/bin/psql", [server, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                                                               "-c", "SET search_path TO \(schema), public", "-c", sql])
                #expect(run.termination.status == 0, "psql: \(run.stderr)")
                return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
    }
}

/// A registry under test and its database's own SQL client (the oracle for what is stored).
struct StoreUnderTest {
    let store: any RegistryStore
    /// Runs SQL in the registry's database and returns the output, one row a line, columns split by `|`.
    let sql: (String) throws -> String

    /// The store holding GeoData, written in one transaction.
    static func geoData(_ kind: StoreKind) throws -> StoreUnderTest {
        let under = try kind.newStore()
        let entries = try RegistryImporter().read([Paths.geoData]).entries
        try under.store.write { writer in try writer.upsert(entries) }
        return under
    }
}
