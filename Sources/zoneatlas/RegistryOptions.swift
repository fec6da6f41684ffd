import ArgumentParser
import ZoneAtlas

/// `--registry PATH`, shared by every command that reads or writes the registry.
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The registry: a GeoPackage file, or a PostGIS database as postgresql://user:password@host:port/db?schema=NAME.",
        discussion: "What a URL leaves out comes from PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE, as for psql."),
        completion: .file(extensions: ["gpkg"]))
    var registry = "zoneatlas.gpkg"

    @Option(help: "How long to wait for another writer (zoneatlas, QGIS, GDAL) to release the registry, in seconds.")
    var lockTimeout = 60.0

    @Option(name: .customLong("map"), help: ArgumentHelp(
        "Take a field from another property, as field=property (e.g. declared_area_km2=area); repeatable.",
        discussion: "Fields: \(FieldMapping.Field.allCases.map(\.rawValue).joined(separator: ", "))."))
    var mappings: [String] = []

    /// The field mapping the --map options describe, or exit 2.
    func mapping() throws -> FieldMapping {
        var mapping = FieldMapping()
        do {
            for assignment in mappings { try mapping.set(assignment) }
        } catch {
            throw CommandFailure.usageOrIO("\(error)")
        }
        return mapping
    }

    /// The registry, read with the --map options (a layer table that GDAL made may name its fields otherwise).
    func store() throws -> any RegistryStore {
        try store(mapping: try mapping())
    }

    /// The registry read with `mapping`.
    func store(mapping: FieldMapping) throws -> any RegistryStore {
        try run { () throws(RegistryError) in try registryStore(at: registry, mapping: mapping, lockTimeoutSeconds: lockTimeout) }
    }

    /// The registry for a command that reads it: exit 2 if there is none.
    func existingStore() throws -> any RegistryStore {
        let store = try store()
        guard store.exists else {
            throw CommandFailure.usageOrIO("no registry at \(store.location); create one with `zoneatlas import FILE --registry \(store.location)`")
        }
        return store
    }

    /// The revision `--at` names (a number or a YYYY-MM-DD day) in the store's history; `nil`
    /// without `--at` (the present state). An unknown revision or a day before the first is a
    /// message and exit 2.
    func revision(_ at: String?, in store: some RegistryStore) throws -> Int? {
        guard let at else { return nil }
        guard let point = RevisionPoint(at) else {
            throw CommandFailure.usageOrIO("--at is a revision number or a day written YYYY-MM-DD, not '\(Terminal.visible(at))'")
        }
        return try run { try store.revision(point) }
    }

    /// Runs a read or write of the registry: a store failure is a message and exit 2.
    func run<T>(_ body: () throws -> T) throws -> T {
        try Self.typed(body)
    }

    /// Runs a read or write of a registry: a store failure is a message and exit 2.
    static func typed<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RegistryError {
            throw CommandFailure.usageOrIO("\(error)")
        }
    }
}

extension Layer: ExpressibleByArgument {}
