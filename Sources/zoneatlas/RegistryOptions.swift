import ArgumentParser
import ZoneAtlas

/// `--registry PATH`, shared by every command that reads or writes the registry.
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: "The registry GeoPackage file.")
    var registry = "zoneatlas.gpkg"

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

    var store: GeoPackageStore { GeoPackageStore(path: registry) }

    /// The registry, or exit 2 with the reason.
    /// - Parameters:
    ///   - orEmpty: an empty registry when the file does not exist yet, instead of an error.
    ///   - mapping: how to read its tables; by default the --map options.
    func load(orEmpty: Bool = false, mapping: FieldMapping? = nil) throws -> Registry {
        if orEmpty && !store.exists { return Registry() }
        guard store.exists else {
            Terminal.error("zoneatlas: no registry at \(registry); create one with `zoneatlas import FILE --registry \(registry)`")
            throw ZoneAtlasCommand.usageOrIO
        }
        do {
            return try store.load(mapping: mapping ?? self.mapping())
        } catch {
            Terminal.error("zoneatlas: \(error)")
            throw ZoneAtlasCommand.usageOrIO
        }
    }
}

extension Layer: ExpressibleByArgument {}
