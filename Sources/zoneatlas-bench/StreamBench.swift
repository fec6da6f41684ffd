// zoneatlas-bench stream FILE [--batch N] [--whole]
//
// Times reading FILE as `zoneatlas import` reads it (every check on) through the streaming read,
// batches handed to a consumer that only counts them, or with --whole through read(contentsOf:),
// and prints seconds (wall, and CPU user + system: the fairer figure on a busy machine), counts and
// the process's peak resident memory (ru_maxrss). Run each mode in its own process: the peak is
// the process's.
import Foundation
import ZoneGeoJSON

func streamBench(_ arguments: [String]) {
    guard let file = arguments.first, !file.hasPrefix("-") else { fail("usage: zoneatlas-bench stream FILE [--batch N] [--whole]") }
    let whole = arguments.contains("--whole")
    let batchSize = option("--batch", in: arguments).flatMap(Int.init) ?? 4096
    let reader = GeoJSONReader()
    let start = now()
    var batches = 0, handedOut = 0, batchProblems = 0
    let result: ReadResult
    do {
        if whole {
            result = try reader.read(contentsOf: file)
        } else {
            result = try reader.read(contentsOf: file, batchSize: batchSize) { batch in
                batches += 1
                handedOut += batch.features.count
                batchProblems += batch.problems.count
            }
        }
    } catch {
        fail("\(error)")
    }
    let seconds = now() - start
    let megabytes = Double((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int ?? 0) / 1_000_000
    var report: [String: Any] = [
        "file": file, "mode": whole ? "whole" : "stream", "megabytes": megabytes, "features": result.featureCount,
        "problems": result.problems.count + result.omittedProblems, "has_errors": result.hasErrors,
        "seconds": seconds, "cpu_seconds": cpuSeconds(), "ru_maxrss_kb": peakMemoryKB(),
    ]
    if !whole {
        report["batch_size"] = batchSize
        report["batches"] = batches
        report["features_handed_out"] = handedOut
        report["batch_problems"] = batchProblems
    }
    printJSON(report)
}

/// CPU time of this process so far, user and system, in seconds.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
