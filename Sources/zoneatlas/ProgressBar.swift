import Foundation
import Synchronization
import ZoneGeoJSON
import ZoneGeometry

/// A progress bar on stderr for long work — `finding overlaps [#########...........] 45%  4500/10000`
/// — drawn only for a person: when stderr is a terminal, `TERM` is set and not `dumb`, and the
/// command is not `--quiet`. With `NO_COLOR` it writes no escape sequence (the line is redrawn and
/// cleared with a carriage return and spaces). Ctrl-C while it is shown clears it and exits 130.
/// With `--verbose`, each phase's time is said when it ends.
enum ProgressBar {
    /// Runs `body`, a phase named `phase`, following its parallel maps (items done of the map's total).
    static func run<T, E: Error>(_ phase: String, _ body: () throws(E) -> T) throws(E) -> T {
        try timed(phase) { () throws(E) -> T in
            guard let line = Line.forTerminal() else { return try body() }
            defer { line.clear() }
            return try ParallelProgress.observing({ done, total in
                guard total >= 64 else { return }
                line.draw(phase, done: done, of: total, count: "\(done)/\(total)")
            }, body)
        }
    }

    /// Runs `body`, which reads GeoJSON files, following each file's bytes read (`reading FILE`).
    /// - Parameter shown: the name to show for a file read (a copy of standard input shows as `-`).
    static func reading<T, E: Error>(shown: @escaping @Sendable (String) -> String = { $0 }, _ body: () throws(E) -> T) throws(E) -> T {
        try timed("reading") { () throws(E) -> T in
            guard let line = Line.forTerminal() else { return try body() }
            defer { line.clear() }
            return try ReadProgress.observing({ file, done, total in
                let name = (shown(file) as NSString).lastPathComponent
                line.draw("reading \(name)", done: done, of: total,
                          count: String(format: "%.1f/%.1f MB", Double(done) / 1e6, Double(total) / 1e6))
            }, body)
        }
    }

    private static func timed<T, E: Error>(_ phase: String, _ body: () throws(E) -> T) throws(E) -> T {
        let clock = ContinuousClock(), start = clock.now
        defer { Terminal.detail("\(phase) took \(Elapsed.since(start, clock))") }
        return try body()
    }

    /// The bar's line on stderr; drawn by the threads of the work, cleared by the caller.
    final class Line: Sendable {
        private let plain: Bool
        private let width: Int
        /// The percentage and label last drawn, and the length of the line drawn (0: none).
        private let state = Mutex((label: "", percent: -1, length: 0))

        private init(plain: Bool, width: Int) {
            self.plain = plain
            self.width = width
        }

        /// A line to draw on, or nil when no bar should be drawn.
        static func forTerminal() -> Line? {
            let environment = ProcessInfo.processInfo.environment
            guard Terminal.stderrIsTerminal, Terminal.verbosity > .quiet,
                  let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return nil }
            var size = winsize()
            let columns = ioctl(2, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
            return Line(plain: environment["NO_COLOR"].map { !$0.isEmpty } ?? false, width: max(20, columns - 1))
        }

        func draw(_ label: String, done: Int, of total: Int, count: String) {
            let percent = min(100, done * 100 / max(1, total))
            let text: String? = state.withLock { state in
                guard state.percent != percent || state.label != label else { return nil }
                let filled = percent / 5
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled)
                let line = String("\(Terminal.visible(label)) [\(bar)] \(percent)%  \(count)".prefix(width))
                let erase = plain ? "\r" + String(repeating: " ", count: state.length) + "\r" : "\r\u{1B}[2K"
                if state.length == 0 { Interrupt.clearing(with: plain ? "\r" + String(repeating: " ", count: width) + "\r" : "\r\u{1B}[2K") }
                state = (label, percent, line.count)
                return erase + line
            }
            if let text { Interrupt.drawing { _ = Terminal.write(2, text) } }
        }

        /// Erases the line, if drawn, and lets Ctrl-C interrupt as usual again.
        func clear() {
            let length = state.withLock { state in
                defer { state = ("", -1, 0) }
                return state.length
            }
            guard length > 0 else { return }
            Interrupt.restore()
            _ = Terminal.write(2, plain ? "\r" + String(repeating: " ", count: length) + "\r" : "\r\u{1B}[2K")
        }
    }
}
