// A registry's history from the library: import the Hai Phong zones, then a (made-up) adjustment
// of the SEZ's boundary under a decision, and ask what it changed.
//   registry-history [REGISTRY.gpkg]    (run from the repository's root; the file must not exist yet)
import Foundation
import ZoneAtlas

let path = CommandLine.arguments.dropFirst().first ?? "hp.gpkg"

let store = GeoPackageStore(path: path)
_ = try RegistryImporter().importFiles(["GeoData"], into: store, note: RevisionNote(message: "Hai Phong, as drawn", command: "import"))
let done = try RegistryImporter().importFiles(["Examples/History/sez-hai-phong-adjusted.geojson"], into: store,
    note: RevisionNote(message: "SEZ boundary adjusted", decision: LegalBasis(decision: "123/QĐ-TTg", date: "2026-06-30"),
                       command: "import"))
let then = try store.entries(at: done.revision.number - 1)        // the registry before it
let diff = try PlanDiff.between(then, try store.entries())          // gained/lost ha, Hausdorff m, fields
let versions = try store.versions(id: "sez-hai-phong")              // every version, with its revision range

for item in diff.items {
    print("\(item.id)\t\(item.change.rawValue)\t+\(String(format: "%.2f", item.gainedHectares)) ha\t-\(String(format: "%.2f", item.lostHectares)) ha")
}
print("revision \(done.revision.number); sez-hai-phong has \(versions.count) versions")
