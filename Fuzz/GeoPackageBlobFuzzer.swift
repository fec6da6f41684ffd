// libFuzzer target for the GeoPackage geometry blob decoder: built and run by scripts/fuzz.sh, not by `swift build`.
import Foundation
import ZoneAtlas
import ZoneGeometry

/// Any bytes decoded as a GeoPackage geometry blob. A `GeoPackageError` is the decoder's ordinary
/// answer to a bad blob; a crash, a hang, a leak or an AddressSanitizer report is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoPackageBlob(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let blob = data.map { Data(bytes: $0, count: size) } ?? Data()
    guard let (geometry, _) = try? GeoPackageBinary.decode(blob) else { return 0 }
    // What a reader of the registry does next: its extent, and writing it back as WKB.
    _ = geometry.envelope
    _ = try? geometry.wkb(includeZ: false)
    return 0
}
