import Foundation
import Synchronization
import ZoneGeometry

/// A progress bar on stderr for long parallel work, drawn only when stderr is a terminal.
enum ProgressBar {
    /// Runs `body`, drawing `label [#####.....] 45%` as its parallel maps advance.
    static func run<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        guard Terminal.stderrIsTTY else { return try body() }
        let shown = Mutex(-1)
        defer { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        return try ParallelProgress.observing({ done, total in
            guard total >= 64 else { return }
            let percent = done * 100 / max(1, total)
            let changed = shown.withLock { last in
                guard last != percent else { return false }
                last = percent
                return true
            }
            guard changed else { return }
            let filled = percent / 5
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled)
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(label) [\(bar)] \(percent)%".utf8))
        }, body)
    }
}
