import Foundation
import SnapdriftTestSupport
import Testing

/// docs/commands.md names every flag of every command, so the page cannot fall behind.
@Suite("Command docs")
struct CommandDocsTests {
    static let commands = ["check", "accept", "reject", "review", "normalize", "query", "explain", "diff", "matrix", "capture",
                           "merge-reports", "validate", "init"]

    @Test("every flag of every command is on docs/commands.md", arguments: commands)
    func flagsDocumented(command: String) throws {
        let docs = try String(contentsOf: SharedMaterial.repositoryRoot.appendingPathComponent("docs/commands.md"), encoding: .utf8)
        let help = try SnapdriftProcess.run([command, "--help"], in: SharedMaterial.repositoryRoot)
        #expect(help.status == 0)
        let flags = Set(help.standardOutput.matches(of: /(?:^|\s)(--[a-z][a-z-]+)/).map { String($0.output.1) })
            .subtracting(["--help", "--version"])
        #expect(!flags.isEmpty || ["init"].contains(command))
        #expect(docs.contains("## `\(command)`") || docs.contains("`\(command)`"), "no section for \(command)")
        for flag in flags.sorted() {
            #expect(docs.contains("`\(flag)") || docs.contains(" \(flag) ") || docs.contains("[\(flag)"), "docs/commands.md does not mention \(command) \(flag)")
        }
    }
}
