import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SnapdriftCore
import SnapdriftTestSupport
import Testing

/// Run records, statuses, exit codes and the report files of a run.
@Suite("Run records and reports")
struct RunReportTests {
    static let schema: JSONValue = {
        let path = SharedMaterial.repositoryRoot.appendingPathComponent("docs/report.schema.json").path
        do {
            return try JSONReader.read(FileIO.read(path)).value
        } catch {
            fatalError("docs/report.schema.json does not read: \(error)")
        }
    }()

    private func validate(_ project: TestProject) throws {
        let value = try JSONReader.read(FileIO.read(project.folder.path("reports/latest.json").path)).value
        let problems = JSONSchemaValidator(schema: Self.schema).validate(value)
        #expect(problems.isEmpty, "report.json does not match docs/report.schema.json: \(problems)")
    }

    private func events(_ project: TestProject) throws -> [JSONValue] {
        let folder = try project.latestRunFolder()
        let text = try String(contentsOf: folder.appendingPathComponent("events.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONReader.value(String($0)) }
    }

    private func acceptedProject(_ fixtures: [String: String] = ["list.html": CheckWorkflowTests.original]) throws -> TestProject {
        let project = try TestProject(spec: CheckWorkflowTests.spec, fixtures: fixtures)
        try project.run(["check"])
        try project.run(["accept", "--all"])
        return project
    }

    @Test("a clean project: success, exit 0, every report file, run_started and run_completed")
    func success() throws {
        let project = try acceptedProject()
        defer { project.remove() }
        let run = try project.run(["check"])
        #expect(run.status == 0)
        let report = try project.latestReport()
        #expect(report.status == .success && report.gatePassed)
        let folder = try project.latestRunFolder()
        #expect(folder.lastPathComponent == report.runID)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["events.jsonl", "junit.xml", "report.html", "report.json", "summary.md"])
        #expect(try String(contentsOf: folder.appendingPathComponent("report.json"), encoding: .utf8) == project.read("reports/latest.json"))
        #expect(try events(project).map { $0["event"] } == ["run_started", "run_completed"])
        #expect(try events(project).allSatisfy { $0["run_id"] == .string(report.runID) && $0["ts"]?.stringValue != nil })
        #expect(report.runID.range(of: #"^\d{8}T\d{6}Z-[0-9a-f]{6}$"#, options: .regularExpression) != nil)
        try validate(project)
    }

    @Test("one drifted fixture: degraded, exit 1; exit 0 with --fail-on never")
    func degraded() throws {
        let project = try acceptedProject()
        defer { project.remove() }
        try project.write("Fixtures/jobs/list.html", CheckWorkflowTests.listing([("1", "Analyst", "£25,000"), ("2", "Clerk", "£18,000")]))
        #expect(try project.run(["check"]).status == 1)
        #expect(try project.latestReport().status == .degraded)
        try validate(project)
        let never = try project.run(["check", "--fail-on", "never"])
        #expect(never.status == 0)
        let report = try project.latestReport()
        #expect(report.status == .degraded && report.gatePassed && report.failOn == .never)
    }

    @Test("a broken spec: failed, exit 2, run_failed event, file:line:col on stderr, nothing written under Golden/")
    func brokenSpec() throws {
        let project = try TestProject(spec: "fields:\n  title: { css: h1, requird: true }\n", fixtures: ["a.html": "<h1>A</h1>"])
        defer { project.remove() }
        let run = try project.run(["check"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("Fixtures/jobs/spec.yml:2:21: error: unknown key 'requird' in 'fields.title'\nnote: did you mean 'required'?"))
        let report = try project.latestReport()
        #expect(report.status == .failed && !report.gatePassed && report.fixtures.isEmpty)
        #expect(report.failure?.contains("unknown key 'requird'") == true)
        #expect(try events(project).map { $0["event"] } == ["run_started", "run_failed"])
        #expect(project.files(under: "Golden").isEmpty)
        try validate(project)
    }

    @Test("an unparseable fixture: an error outcome and a fixture_failed event; the run goes on")
    func unparseableFixture() throws {
        let project = try TestProject(spec: "format: json\nfields:\n  title: /title\n", fixtures: ["good.json": #"{"title": "A"}"#, "bad.json": #"{"title": "A",}"#])
        defer { project.remove() }
        let run = try project.run(["check"])
        #expect(run.status == 1)
        let report = try project.latestReport()
        #expect(report.status == .degraded)
        #expect(report.fixtures.map { "\($0.fixture) \($0.outcome.rawValue)" } == ["bad.json error", "good.json new"])
        #expect(report.fixtures[0].error == "Fixtures/jobs/bad.json:1:15: cannot parse the JSON page: trailing comma before '}'")
        let failed = try events(project).filter { $0["event"] == "fixture_failed" }
        #expect(failed.count == 1 && failed[0]["fixture"] == "bad.json")
        #expect(try events(project).last?["event"] == "run_completed")
        try validate(project)
    }

    @Test("junit.xml parses and counts a testsuite per source and a testcase per fixture")
    func junit() throws {
        let project = try acceptedProject(["a.html": CheckWorkflowTests.original, "b.html": CheckWorkflowTests.original])
        defer { project.remove() }
        try project.write("Fixtures/jobs/a.html", CheckWorkflowTests.listing([("1", "Analyst", "£25,000"), ("2", "Clerk", "£18,000")]))
        try project.write("Fixtures/jobs/c.html", "")
        try project.write("Fixtures/other/spec.yml", "fields:\n  title: h1\n")
        try project.write("Fixtures/other/x.html", "<h1>X</h1>")
        try project.run(["check"])
        let folder = try project.latestRunFolder()
        let document = try XMLDocument(contentsOf: folder.appendingPathComponent("junit.xml"))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "4")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        #expect(root.attribute(forName: "errors")?.stringValue == "1")
        #expect(root.attribute(forName: "skipped")?.stringValue == "1")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute(forName: "name")?.stringValue } == ["jobs", "other"])
        let jobs = suites[0].elements(forName: "testcase")
        #expect(jobs.map { $0.attribute(forName: "name")?.stringValue } == ["a.html", "b.html", "c.html"])
        #expect(jobs[0].elements(forName: "failure").first?.stringValue?.contains("changed /records/0/salary [1]: 20000 → 25000") == true)
        #expect(jobs[2].elements(forName: "error").first?.attribute(forName: "message")?.stringValue?.contains("the page is empty") == true)
    }

    @Test("hostile page values are inert in report.html, summary.md and junit.xml")
    func hostileValues() throws {
        let project = try acceptedProject()
        defer { project.remove() }
        let hostile = #"<script>alert(1)</script>"#
        let attribute = #""><img src=x onerror=alert(2)>"#
        let escapedPage = CheckWorkflowTests.listing([("1", "Analyst", "£20,000"), ("2", "Clerk", "£18,000")])
            .replacingOccurrences(of: "<h3>Analyst</h3>", with: "<h3>&lt;script&gt;alert(1)&lt;/script&gt;</h3>")
            .replacingOccurrences(of: "<h3>Clerk</h3>", with: "<h3>&quot;&gt;&lt;img src=x onerror=alert(2)&gt;</h3>")
            .replacingOccurrences(of: "</ul>", with: "<li class=job><h3>&quot;&#x301; onmouseover=alert(3) x=&quot;</h3><span class=ref>3</span><span class=pay>£1</span></li></ul>")
        try project.write("Fixtures/jobs/list.html", escapedPage)
        try project.run(["check"])
        let entry = try project.latestEntry("list.html")
        #expect(entry.changes.contains { $0.after == .string(hostile) })
        #expect(entry.changes.contains { $0.after == .string(attribute) })
        let folder = try project.latestRunFolder()
        for name in ["report.html", "summary.md", "junit.xml"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("<script>alert"), "\(name) holds a live script tag")
            #expect(!text.contains("<img src=x"), "\(name) holds a live img tag")
            #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || text.contains("&lt;script&gt;alert(1)"), "\(name) lost the value")
        }
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!html.contains("<script"), "report.html must hold no script at all")
        // A quote followed by a combining mark is one Swift Character that is not equal to `"`:
        // escaping must see the quote anyway, or the value closes an attribute.
        for name in ["report.html", "summary.md"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(text.contains("onmouseover=alert(3)"), "\(name) lost the value")
            #expect(!String(text.unicodeScalars.filter { $0 != "\u{301}" }).contains("\" onmouseover"), "\(name) left a quote unescaped")
        }
        #expect(!html.contains("http://") && !html.contains("https://") || !html.contains("<link"), "nothing loaded from the network")
    }

    @Test("--reports puts the run folder elsewhere; two runs at once get two folders and a valid latest.json")
    func reportsFolderAndConcurrency() throws {
        let project = try acceptedProject()
        defer { project.remove() }
        let elsewhere = try TemporaryDirectory("snapdrift-reports")
        defer { elsewhere.cleanUp() }
        #expect(try project.run(["check", "--reports", elsewhere.url.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: elsewhere.path("latest.json").path))
        let before = project.runFolders().count
        let group = DispatchGroup()
        let statuses = StatusBox()
        for _ in 0..<2 {
            group.enter()
            DispatchQueue.global().async {
                do {
                    statuses.append(try project.run(["check"]).status)
                } catch {
                    statuses.append(-1)
                }
                group.leave()
            }
        }
        group.wait()
        #expect(statuses.values == [0, 0])
        #expect(project.runFolders().count == before + 2)
        try validate(project)
    }

    @Test("on GitHub Actions: an annotation per changed fixture and the summary appended to the step summary")
    func githubActions() throws {
        let project = try acceptedProject()
        defer { project.remove() }
        try project.write("Fixtures/jobs/list.html", CheckWorkflowTests.listing([("1", "Analyst", "£25,000"), ("2", "Clerk", "£18,000")]))
        let summary = project.folder.path("step-summary.md")
        try "previous step\n".write(to: summary, atomically: true, encoding: .utf8)
        let run = try project.run(["check"], environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary.path])
        #expect(run.status == 1)
        #expect(run.standardOutput.contains("::error file=Golden/jobs/list.html.json,title=snapdrift drift::Fixtures/jobs/list.html: drift (drift), cause upstream%0Adrift: changed /records/0/salary [1]: 20000 → 25000"))
        let written = try String(contentsOf: summary, encoding: .utf8)
        #expect(written.hasPrefix("previous step\n## "))
        #expect(written.contains("<details><summary><code>Fixtures/jobs/list.html</code> — drift (drift), upstream</summary>"))
    }
}

final class StatusBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int32] = []
    func append(_ value: Int32) { lock.withLock { items.append(value) } }
    var values: [Int32] { lock.withLock { items.sorted() } }
}
