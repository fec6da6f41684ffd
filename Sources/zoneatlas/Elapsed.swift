import Foundation

/// A duration as `--verbose` prints it: seconds with two decimals.
enum Elapsed {
    static func since(_ start: ContinuousClock.Instant, _ clock: ContinuousClock) -> String {
        let duration = clock.now - start
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.2f s", seconds)
    }
}
