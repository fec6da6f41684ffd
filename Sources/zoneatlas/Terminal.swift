import Foundation
import ZoneProjection

/// Standard output and error, with colour only when a person is looking.
enum Terminal {
    /// Whether stdout / stderr are terminals (no colour in pipes and files, or with NO_COLOR set).
    static let stdoutIsTTY = isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    static let stderrIsTTY = isatty(2) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    /// Writes data to stdout.
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes a message line to stderr.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    enum Colour: String {
        case red = "31", yellow = "33", dim = "2", bold = "1", green = "32"
    }

    /// `text` in `colour` when stdout is a terminal.
    static func paint(_ text: String, _ colour: Colour) -> String {
        stdoutIsTTY ? "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// The CRS a `--crs` option names, or exit 2 saying why PROJ does not know it (or, for a name
    /// PROJ would only guess at, which CRSs it would have guessed).
    /// - Parameter planarMetres: the CRS is for planar measures, so it must be projected in metres.
    static func crs(_ definition: String, for command: String, planarMetres: Bool = false) throws -> CRS {
        do {
            let crs = try CRS(definition)
            return planarMetres ? try crs.requiringPlanarMetres() : crs
        } catch {
            Terminal.error("zoneatlas \(command): \(error)")
            throw ZoneAtlasCommand.usageOrIO
        }
    }
}
