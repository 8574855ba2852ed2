import Foundation
import SnapdriftCore
import SnapdriftTestSupport
import Testing

@Suite("snapdrift review")
struct ReviewTests {
    @Test("in a terminal: shows each pending diff; one accepted, one rejected", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux `script` is needed for a pseudo-terminal"))
    func acceptAndReject() throws {
        let project = try TestProject(spec: CheckWorkflowTests.spec, fixtures: [
            "a.html": CheckWorkflowTests.original,
            "b.html": CheckWorkflowTests.listing([("7", "Porter", "£17,000")]),
        ])
        defer { project.remove() }
        try project.run(["check"])
        try project.run(["accept", "--all"])
        try project.write("Fixtures/jobs/a.html", CheckWorkflowTests.listing([("1", "Analyst", "£30,000"), ("2", "Clerk", "£18,000")]))
        try project.write("Fixtures/jobs/b.html", CheckWorkflowTests.listing([("7", "Head Porter", "£17,000")]))
        try project.run(["check"])
        let acceptedB = try project.read("Golden/jobs/b.html.json")

        let session = try SnapdriftProcess.runInTerminal(["review"], in: project.root, keys: ["a", "r"])
        #expect(session.status == 0, "\(session.standardOutput)")
        let screen = session.standardOutput
        #expect(screen.contains("[1/2] Fixtures/jobs/a.html"))
        #expect(screen.contains("drift    changed /records/0/salary [1]: 20000 → 30000"))
        #expect(screen.contains("-        \"salary\": 20000,"))
        #expect(screen.contains("[2/2] Fixtures/jobs/b.html"))
        #expect(screen.contains("1 accepted, 1 rejected, 0 skipped, 0 left"))
        #expect(!project.exists("Golden/jobs/a.html.json.new") && !project.exists("Golden/jobs/b.html.json.new"))
        #expect(try project.read("Golden/jobs/a.html.json").contains("30000"))
        #expect(try project.read("Golden/jobs/b.html.json") == acceptedB)
    }

    @Test("without a terminal it refuses cleanly")
    func refusesWithoutTerminal() throws {
        let project = try TestProject(spec: CheckWorkflowTests.spec, fixtures: ["a.html": CheckWorkflowTests.original])
        defer { project.remove() }
        let outcome = try project.run(["review"], input: "a")
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("review needs a terminal on standard input"))
    }
}
