import ArgumentParser
import Foundation

/// `--max-stream-size`: how much of a stream (`-`, a pipe, a device) a command copies before it
/// reads it. The readers map files into memory, so a stream is first copied to a nameless
/// temporary file (``InputPaths``); an endless one (`/dev/zero`, a runaway pipe) would otherwise fill
/// the disk that other programs — PostgreSQL among them — share.
struct StreamLimit: ParsableArguments {
    @Option(name: .customLong("max-stream-size"),
            help: ArgumentHelp("Copy at most this much of a stream (-, a pipe, a device) before reading it: a number of bytes with K, M or G (powers of 1024). The copy also stops while 1 GiB, or 5 % of its file system, is still free.",
                               valueName: "size"))
    var maximum = ByteCount(bytes: 4 << 30)
}

/// A size in bytes, written as a number with an optional K, M or G (powers of 1024), e.g. `512M`.
struct ByteCount: ExpressibleByArgument, CustomStringConvertible {
    var bytes: Int64

    init(bytes: Int64) { self.bytes = bytes }

    init?(argument: String) {
        let units: [Character: Int64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var text = argument.uppercased()
        if text.hasSuffix("IB") { text.removeLast(2) } else if text.hasSuffix("B") { text.removeLast() }
        let unit = text.last.flatMap { units[$0] } ?? 1
        if units[text.last ?? " "] != nil { text.removeLast() }
        guard let number = Int64(text), number > 0, number <= Int64.max / unit else { return nil }
        bytes = number * unit
    }

    var description: String {
        for (suffix, unit) in [("G", Int64(1) << 30), ("M", 1 << 20), ("K", 1 << 10)] where bytes % unit == 0 {
            return "\(bytes / unit)\(suffix)"
        }
        return "\(bytes)"
    }

    var defaultValueDescription: String { description }
}
