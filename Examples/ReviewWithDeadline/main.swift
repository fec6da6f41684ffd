// Builds the planning review of boundary files through the library's async API, as a server
// would: awaited off Swift concurrency's cooperative pool, with the phases reported as they begin,
// and cancelled — nothing written — when it takes longer than a deadline.
//
//     swift run review-with-deadline GeoData review 60
import Foundation
import ZoneAtlas

/// The review did not finish in time.
struct DeadlinePassed: Error {}

let arguments = Array(CommandLine.arguments.dropFirst())
let input = arguments.first ?? "GeoData"
let output = arguments.count > 1 ? arguments[1] : "review"
let seconds = arguments.count > 2 ? Double(arguments[2]) ?? 60 : 60

do {
    let summary = try await withThrowingTaskGroup(of: String.self) { group in
        group.addTask {
            let review = try await PlanningReview.make(paths: [input]) { phase in
                FileHandle.standardError.write(Data("\(phase.rawValue)\n".utf8))
            }
            try await review.write(to: output)
            return "\(review.zones.count) zones, \(review.conflicts.count) conflicts, \(review.inputErrors.count) input errors"
        }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw DeadlinePassed()
        }
        defer { group.cancelAll() }   // the other task: the review, or the clock
        return try await group.next()!
    }
    print(summary)
} catch is DeadlinePassed {
    print("no review: it took more than \(seconds) s, and nothing was written")
    exit(2)
} catch {
    FileHandle.standardError.write(Data("review-with-deadline: \(error)\n".utf8))
    exit(1)
}
