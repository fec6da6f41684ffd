import ArgumentParser

/// `--fail-on`: what makes a command exit 1 — errors in the input files, conflicting overlaps
/// (or input errors), or nothing.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case errors, conflicts, never
}
