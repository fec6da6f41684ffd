import ArgumentParser
import ZoneAtlas

/// What a command that writes the registry says about its revision: `--author`, `--message`,
/// `--decision`, `--decision-date`.
struct RevisionOptions: ParsableArguments {
    @Option(help: "Who makes this change (recorded in the revision); by default the login name.")
    var author: String?

    @Option(help: "Why: recorded in the revision and shown by `zoneatlas log`.")
    var message: String?

    @Option(help: "The legal decision that makes this change, e.g. 288/QĐ-TTg.")
    var decision: String?

    @Option(help: "The decision's date, YYYY-MM-DD (with --decision).")
    var decisionDate: String?

    func validate() throws {
        if let decisionDate {
            guard FeatureMapper.isISODate(decisionDate) else {
                throw ValidationError("--decision-date is a calendar day written YYYY-MM-DD, not '\(decisionDate)'")
            }
            guard decision != nil else { throw ValidationError("--decision-date needs --decision (the decision's number)") }
        }
    }

    /// The revision's note for `command`.
    func note(command: String) -> RevisionNote {
        RevisionNote(author: author ?? RevisionNote.loginName, message: message,
                     decision: decision.map { LegalBasis(decision: $0, date: decisionDate) }, command: command)
    }
}
