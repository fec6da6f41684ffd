import ArgumentParser

/// An option renamed so that one idea has one name on every command: its old spelling still works
/// for a release, hidden from `--help`, and giving both at once is a usage error.
enum RenamedOption {
    /// Throws a usage error when the option was given under both names.
    static func check(_ name: String, given: Bool, old oldName: String, given oldGiven: Bool) throws {
        if given && oldGiven { throw ValidationError("\(oldName) is the old name of \(name); give \(name) alone") }
    }

    /// Help for an old spelling: hidden, naming the new one for whoever reads the source.
    static func help(_ name: String) -> ArgumentHelp {
        ArgumentHelp("The old name of \(name).", visibility: .hidden)
    }
}
