// libFuzzer target for the GeoJSON reader: built and run by scripts/fuzz.sh, not by `swift build`.
import ZoneGeoJSON

/// Any bytes read as a GeoJSON file, with every invalid-geometry policy and with polygonization
/// (chosen by the input's length, so the corpus covers all four). Problems in the input are the
/// reader's ordinary answer; a crash, a hang, a leak or an AddressSanitizer report is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoJSONReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let variants = [ReadOptions(), ReadOptions(policy: .warn), ReadOptions(policy: .repair), ReadOptions(polygonize: true)]
    let reader = GeoJSONReader(options: variants[size % variants.count])
    let result = reader.read(bytes: UnsafeRawBufferPointer(start: data, count: size), file: "fuzz.geojson")
    // Touch what a caller would: every feature's geometry and every problem's text.
    for feature in result.collection.features { _ = feature.geometry?.envelope }
    for problem in result.problems { _ = problem.message.utf8.count }
    return 0
}
