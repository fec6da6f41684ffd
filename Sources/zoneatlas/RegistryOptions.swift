import ArgumentParser
import ZoneAtlas

/// `--registry PATH`, shared by every command that reads or writes the registry.
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: "The registry GeoPackage file.")
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
            Terminal.error("zoneatlas: \(error)")
            throw ZoneAtlasCommand.usageOrIO
        }
        return mapping
    }

    /// The registry, read with the --map options (a layer table that GDAL made may name its fields otherwise).
    func store() throws -> GeoPackageStore {
        GeoPackageStore(path: registry, mapping: try mapping(), lockTimeoutSeconds: lockTimeout)
    }

    /// The registry for a command that reads it: exit 2 if there is none.
    func existingStore() throws -> GeoPackageStore {
        let store = try store()
        guard store.exists else {
            Terminal.error("zoneatlas: no registry at \(registry); create one with `zoneatlas import FILE --registry \(registry)`")
            throw ZoneAtlasCommand.usageOrIO
        }
        return store
    }

    /// Runs a read or write of the registry: a store failure is a message and exit 2.
    func run<T>(_ command: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RegistryError {
            Terminal.error("zoneatlas \(command): \(error)")
            throw ZoneAtlasCommand.usageOrIO
        }
    }
}

extension Layer: ExpressibleByArgument {}
