import Foundation
import Synchronization
import ZoneProjection

/// Standard output and error, with colour only when a person is looking.
enum Terminal {
    /// Whether stdout is a terminal that takes colour: not a pipe or a file, not with NO_COLOR set,
    /// not a `TERM=dumb` terminal.
    static let stdoutIsTTY = isatty(1) == 1 && takesEscapes

    /// Neither NO_COLOR nor TERM=dumb forbids escape sequences.
    private static var takesEscapes: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// Whether stdout / stderr are terminals, colour or not: what reaches one is made safe.
    static let stdoutIsTerminal = isatty(1) == 1
    static let stderrIsTerminal = isatty(2) == 1

    /// The command running, named before each error (`zoneatlas import: …`), and how much it says.
    private static let session = Mutex<(command: String?, verbosity: Verbosity)>((nil, .normal))

    /// Names the command that runs (nil: the root, `zoneatlas` alone) and how much it says.
    static func begin(_ command: String?, verbosity: Verbosity = .normal) {
        session.withLock { $0 = (command, verbosity) }
    }

    static var verbosity: Verbosity { session.withLock { $0.verbosity } }

    /// `zoneatlas` and the command running: what every error starts with.
    static var prefix: String { "zoneatlas" + (session.withLock { $0.command }.map { " " + $0 } ?? "") }

    /// Writes an error to stderr, after ``prefix`` (printed whatever the verbosity).
    static func failure(_ message: String) {
        error(prefix + ": " + message)
    }

    /// Writes an informational message to stderr, unless `--quiet`.
    static func info(_ text: String) {
        if verbosity >= .normal { error(text) }
    }

    /// Writes a detail to stderr with `--verbose` only.
    static func detail(_ text: String) {
        if verbosity >= .verbose { error(prefix + ": " + text) }
    }

    /// Writes data to stdout; on a terminal with the control characters of the data made visible.
    /// When the reader has gone (`zoneatlas list | head`), the process ends as a Unix tool's does,
    /// by SIGPIPE: quietly, with status 141.
    static func output(_ text: String) {
        if !write(1, stdoutIsTerminal ? forTerminal(text) : text) {
            // SwiftNIO (the PostGIS store) ignores SIGPIPE for its sockets: restore it to end here.
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
        }
    }

    /// Writes a message line to stderr; on a terminal with the control characters of the data made visible.
    static func error(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        _ = write(2, stderrIsTerminal ? forTerminal(line) : line)
    }

    /// Writes all of `text` to a file descriptor; `false` when the reader is gone (EPIPE) or the
    /// descriptor cannot be written.
    static func write(_ descriptor: Int32, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// `text` (a name, an id, a path from the data) with every control character made visible, so that
    /// it cannot move the cursor, clear the screen, retitle the window or write the clipboard (OSC 52):
    /// ESC is shown as `\e`; tab, line feed and carriage return as `\t`, `\n`, `\r`; any other C0 or
    /// C1 control, DEL and the bidirectional overrides (which reorder what is shown) as `\u{…}`.
    static func visible(_ text: String) -> String {
        escaped(text, keepingLayout: false)
    }

    /// Text bound for a terminal: as ``visible(_:)``, but keeping line feeds, tabs, CR LF line ends and
    /// this tool's own colour sequences (``paint(_:_:)``), which can only colour text.
    static func forTerminal(_ text: String) -> String {
        escaped(text, keepingLayout: true)
    }

    private static func escaped(_ text: String, keepingLayout: Bool) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            if keepingLayout {
                if scalar == "\n" || scalar == "\t" || (scalar == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n") {
                    out.append(scalar)
                    i += 1
                    continue
                }
                if let sequence = ownColourSequence(in: scalars, at: i) {
                    out.append(contentsOf: sequence.unicodeScalars)
                    i += sequence.unicodeScalars.count
                    continue
                }
            }
            if isControl(scalar) {
                let shown = switch scalar {
                case "\u{1B}": "\\e"
                case "\t": "\\t"
                case "\n": "\\n"
                case "\r": "\\r"
                default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                }
                out.append(contentsOf: shown.unicodeScalars)
            } else {
                out.append(scalar)
            }
            i += 1
        }
        return String(out)
    }

    /// C0 and C1 controls, DEL, and the bidirectional marks, embeddings, overrides and isolates.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The colour sequences ``paint(_:_:)`` writes, and the reset.
    private static let ownColourSequences = (Colour.allCases.map(\.rawValue) + ["0"]).map { "\u{1B}[\($0)m" }

    private static func ownColourSequence(in scalars: [Unicode.Scalar], at index: Int) -> String? {
        guard scalars[index] == "\u{1B}" else { return nil }
        return ownColourSequences.first { sequence in
            let expected = Array(sequence.unicodeScalars)
            return index + expected.count <= scalars.count && Array(scalars[index..<index + expected.count]) == expected
        }
    }

    enum Colour: String, CaseIterable {
        case red = "31", yellow = "33", dim = "2", bold = "1", green = "32"
    }

    /// `text` in `colour` when stdout is a terminal.
    static func paint(_ text: String, _ colour: Colour) -> String {
        stdoutIsTTY ? "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// The CRS a `--input-crs` or `--measure-crs` option names, or exit 2 saying why PROJ does not
    /// know it (or, for a name PROJ would only guess at, which CRSs it would have guessed).
    /// - Parameter planarMetres: the CRS is for planar measures, so it must be projected in metres.
    static func crs(_ definition: String, planarMetres: Bool = false) throws -> CRS {
        do {
            let crs = try CRS(definition)
            return planarMetres ? try crs.requiringPlanarMetres() : crs
        } catch {
            throw CommandFailure.usageOrIO("\(error)")
        }
    }
}
