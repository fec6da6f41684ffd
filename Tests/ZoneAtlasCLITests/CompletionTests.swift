import Foundation
import Testing

/// The bash completion script completes file paths for positional files, `--registry` and
/// `--output`, and folders for `--out-dir`: run in bash on a folder of sample files.
struct CompletionTests {
    /// What bash completes after `line` in a folder holding a.geojson, b.gpkg, c.txt and sub/.
    func completions(after line: String) throws -> Set<String> {
        let script = try CLI.run(["--generate-completion-script", "bash"])
        try #require(script.status == 0)
        let file = try CLI.temporaryFile(script.stdout, name: "zoneatlas.bash")
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        for name in ["a.geojson", "b.gpkg", "c.txt"] { try Data().write(to: folder.appendingPathComponent(name)) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let run = try CLI.run(external: "/bin/bash", ["-c", """
            source "$1"; cd "$2"
            read -ra COMP_WORDS <<< "$3"; COMP_WORDS+=(""); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            COMP_LINE="$3 "; COMP_POINT=${#COMP_LINE}
            _zoneatlas zoneatlas "" "${COMP_WORDS[COMP_CWORD - 1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """, "completion", file, folder.path, line])
        #expect(run.status == 0, "\(run.stderr)")
        return Set(run.stdout.split(separator: "\n").map(String.init))
    }

    @Test(arguments: [("zoneatlas import", ["a.geojson", "b.gpkg", "sub"]),
                      ("zoneatlas validate", ["a.geojson", "b.gpkg", "sub"]),
                      ("zoneatlas areas", ["a.geojson", "b.gpkg", "sub"]),
                      ("zoneatlas review", ["a.geojson", "b.gpkg", "sub"]),
                      ("zoneatlas areas --registry", ["b.gpkg", "sub"]),
                      ("zoneatlas list --registry", ["b.gpkg", "sub"]),
                      ("zoneatlas overlaps --output", ["a.geojson", "sub"]),
                      ("zoneatlas export --output", ["a.geojson", "sub"]),
                      ("zoneatlas adjacency --zones", ["a.geojson", "b.gpkg", "sub"]),
                      ("zoneatlas review --out-dir", ["sub"]),
                      ("zoneatlas diff", ["a.geojson", "b.gpkg", "sub"]),
                      ("zoneatlas log --registry", ["b.gpkg", "sub"])])
    func filesAreCompleted(line: String, expected: [String]) throws {
        #expect(try completions(after: line) == Set(expected))
    }
}
