// Builds the planning review of a folder of boundary files through the library, as
// `zoneatlas review` does, and writes it as HTML with a map.
//
//     swift run planning-review GeoData review
import Foundation
import ZoneAtlas

let arguments = CommandLine.arguments.dropFirst()
let input = arguments.first ?? "GeoData"
let output = arguments.dropFirst().first ?? "review"
do {
    let review = try PlanningReview.make(paths: [input])
    let index = try review.write(to: output)
    print("\(review.zones.count) zones, \(review.conflicts.count) conflicts, \(review.inputErrors.count) input errors")
    print("report: \(index)")
} catch {
    FileHandle.standardError.write(Data("planning-review: \(error)\n".utf8))
    exit(1)
}
