import Foundation
import SnapdriftCore
import SnapdriftTestSupport
import Testing

/// `check --against REF` in a throwaway git repository whose commits change the fixture, the
/// spec, and both.
@Suite("check --against REF")
struct AgainstReferenceTests {
    private func git(_ arguments: [String], in folder: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.email=test@snapdrift.invalid", "-c", "user.name=snapdrift test", "-c", "commit.gpgsign=false"] + arguments
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func commit(_ message: String, in project: TestProject) throws -> String {
        _ = try git(["add", "-A"], in: project.root)
        _ = try git(["commit", "-q", "-m", message], in: project.root)
        return try git(["rev-parse", "HEAD"], in: project.root)
    }

    private func causes(_ project: TestProject) throws -> [String] {
        try project.latestEntry("list.html").changes.filter { $0.stage == .normalized }.map { "\($0.path) \($0.cause ?? "none")" }
    }

    @Test("each drifted field is labelled upstream, spec or both")
    func labels() throws {
        let spec = CheckWorkflowTests.spec
        let project = try TestProject(spec: spec, fixtures: ["list.html": CheckWorkflowTests.original])
        defer { project.remove() }
        try project.write(".gitignore", "reports/\n")
        _ = try git(["init", "-q"], in: project.root)
        try project.run(["check"])
        try project.run(["accept", "--all"])
        let baseline = try commit("baseline", in: project)

        // The page changes upstream.
        try project.write("Fixtures/jobs/list.html", CheckWorkflowTests.listing([("1", "Analyst", "£25,000"), ("2", "Clerk", "£18,000")]))
        let pageCommit = try commit("new capture", in: project)
        #expect(try project.run(["check", "--against", baseline]).status == 1)
        #expect(try causes(project) == ["/records/0/salary upstream"])
        #expect(try project.latestEntry("list.html").attribution == "upstream")
        try project.run(["accept", "--all"])
        let accepted = try commit("accept", in: project)
        _ = pageCommit

        // Only the spec changes.
        try project.write("Fixtures/jobs/spec.yml", spec.replacingOccurrences(of: "title: { css: h3, required: true }", with: "title: { css: h3, required: true, transforms: [upper] }"))
        #expect(try project.run(["check", "--against", accepted]).status == 1)
        #expect(try causes(project) == ["/records/0/title spec", "/records/1/title spec"])
        try project.run(["accept", "--all"])
        let specCommit = try commit("upper-case titles", in: project)

        // Both: the page renames job 1, and the spec now lower-cases titles.
        try project.write("Fixtures/jobs/list.html", CheckWorkflowTests.listing([("1", "Lead Analyst", "£25,000"), ("2", "Clerk", "£18,000")]))
        try project.write("Fixtures/jobs/spec.yml", spec.replacingOccurrences(of: "title: { css: h3, required: true }", with: "title: { css: h3, required: true, transforms: [lower] }"))
        let both = try project.run(["check", "--against", specCommit])
        #expect(both.status == 1)
        #expect(try causes(project) == ["/records/0/title both", "/records/1/title spec"])
        #expect(both.standardOutput.contains("[both]"))

        // A ref that is not a commit fails the run.
        let bad = try project.run(["check", "--against", "no-such-ref"])
        #expect(bad.status == 2)
        #expect(bad.standardError.contains("--against no-such-ref: not a commit"))
    }
}
