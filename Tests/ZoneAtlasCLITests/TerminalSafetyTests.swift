import Foundation
import Testing
@testable import zoneatlas

/// Names and ids from the data cannot drive the terminal: control characters and escape sequences
/// are shown, not obeyed (OSC 52 would write the clipboard, CSI 2 J clear the screen).
struct TerminalSafetyTests {
    /// A name that would write "Hello" to the clipboard and clear the screen; an id that would hide what follows.
    static let evilName = "Evil\u{1B}]52;c;SGVsbG8=\u{07} zone\u{1B}[2J"
    static let evilID = "kcn\u{1B}[8m-1"
    static let shownName = #"Evil\e]52;c;SGVsbG8=\u{7} zone\e[2J"#
    static let shownID = #"kcn\e[8m-1"#

    @Test func visibleShowsEveryControlCharacter() {
        #expect(Terminal.visible(Self.evilName) == Self.shownName)
        #expect(Terminal.visible("a\tb\nc\r\u{0B}\u{7F}\u{9B}2J\u{9D}52\u{202E}txt.exe") == #"a\tb\nc\r\u{B}\u{7F}\u{9B}2J\u{9D}52\u{202E}txt.exe"#)
        #expect(Terminal.visible("Thượng Hồng – Hải Phòng") == "Thượng Hồng – Hải Phòng")
        // Bound for a terminal, layout and this tool's own colours stay; anything else is shown.
        let painted = "\u{1B}[1mid\u{1B}[0m\tname\r\n\(Self.evilID)\n"
        #expect(Terminal.forTerminal(painted) == "\u{1B}[1mid\u{1B}[0m\tname\r\n\(Self.shownID)\n")
        #expect(Terminal.forTerminal("a\rb") == #"a\rb"#)
    }

    func registry() throws -> String {
        let feature = #"{"type":"Feature","id":"\#(json(Self.evilID))","properties":{"name":"\#(json(Self.evilName))","kind":"industrial_park"},"geometry":{"type":"Polygon","coordinates":[[[106.6,20.8],[106.7,20.8],[106.7,20.9],[106.6,20.8]]]}}"#
        let file = try CLI.temporaryFile(#"{"type":"FeatureCollection","features":[\#(feature)]}"#)
        let path = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("r.gpkg").path
        let imported = try CLI.run(["import", file, "--registry", path])
        #expect(imported.status == 0, "\(imported.stderr)")
        return path
    }

    func json(_ text: String) -> String {
        text.unicodeScalars.map { $0.value < 0x20 ? String(format: "\\u%04x", $0.value) : String($0) }.joined()
    }

    @Test func tablesShowControlCharactersEvenInAPipe() throws {
        let list = try CLI.run(["list", "--registry", try registry()])
        #expect(list.status == 0)
        #expect(list.stdout.contains(Self.shownName) && list.stdout.contains(Self.shownID), "\(list.stdout)")
        #expect(!list.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" })
        // Data for machines stays exact in a pipe.
        let csv = try CLI.run(["list", "--format", "csv", "--registry", try registry()])
        #expect(csv.stdout.contains(Self.evilName))
    }

    /// Through a pseudo-terminal (util-linux `script`), CSV, `show` and validation messages are made safe too.
    @Test func whatReachesATerminalIsSafe() throws {
        let script = "/usr/bin/script"
        try #require(FileManager.default.isExecutableFile(atPath: script), "util-linux script is needed for a pseudo-terminal")
        let path = try registry()
        for arguments in [["list", "--format", "csv", "--registry", path], ["show", "kcn\u{1B}[8m-1", "--registry", path]] {
            let command = ([CLI.binary] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
            let run = try CLI.run(external: script, ["-qec", command, "/dev/null"])
            #expect(run.status == 0, "\(run.stdout)")
            #expect(run.stdout.contains(Self.shownName), "\(run.stdout)")
            let escapes = run.stdout.unicodeScalars.enumerated().filter { $0.element == "\u{1B}" }
            // Only this tool's own colours (ESC [ digits m) may remain.
            let text = Array(run.stdout.unicodeScalars)
            for (index, _) in escapes {
                let rest = String(String.UnicodeScalarView(text[index + 1..<min(text.count, index + 5)]))
                #expect(rest.range(of: #"^\[[0-9]{1,2}m"#, options: .regularExpression) != nil, "\(arguments[0]): ESC\(rest)")
            }
            #expect(!run.stdout.unicodeScalars.contains("\u{07}"))
        }
    }
}
