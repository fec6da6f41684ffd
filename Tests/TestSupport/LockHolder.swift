import Foundation

extension Subprocess {
    /// Starts `hold_lock.py` (`script`), which holds the SQLite database at `path`'s write lock for
    /// `seconds`, as QGIS does while it saves; returns once it holds the lock (it prints "locked").
    public static func holdingLock(on path: String, seconds: Double, script: String) throws -> Subprocess {
        let said = FileManager.default.temporaryDirectory.appendingPathComponent("zoneatlas-lock-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: said) }
        let holder = try Subprocess("/usr/bin/python3", [script, path, String(seconds)], standardOutput: said)
        let deadline = Date().addingTimeInterval(60)
        while !((try? String(contentsOfFile: said, encoding: .utf8)) ?? "").hasPrefix("locked") {
            guard holder.isRunning, Date() < deadline else {
                throw Failure(description: "\(holder.command) did not take the lock: \(try holder.wait(seconds: 1))")
            }
            usleep(2_000)
        }
        return holder
    }
}
