import Foundation
import SnapdriftCore
import SnapdriftTestSupport
import Testing

/// The reporters' output, pinned by golden files of the project's own (the tool testing
/// itself). Set SNAPDRIFT_UPDATE_PINNED=1 to rewrite them after an intended change, then read
/// the diff before committing.
@Suite("Reporter output, pinned")
struct ReporterPinnedTests {
    static let folder = SharedMaterial.repositoryRoot.appendingPathComponent("Tests/SnapdriftCoreTests/Report/Pinned")

    /// A report with every outcome, a hostile value, notes and causes.
    static let report: RunReport = {
        func change(_ stage: OutputStage, _ path: String, _ kind: ChangeKind, _ severity: Severity, _ before: JSONValue?, _ after: JSONValue?,
                    record: String? = nil, note: String? = nil, cause: String? = nil) -> DriftChange {
            DriftChange(stage: stage, path: JSONPointer(tokens: path.split(separator: "/").map(String.init)), kind: kind, severity: severity,
                        before: before, after: after, record: record, note: note, cause: cause)
        }
        let fixtures = [
            FixtureReport(source: "csj-detail", fixture: "job_1.html", outcome: .match, schema: SchemaInfo(golden: 3, spec: 3, migrated: false), reused: true),
            FixtureReport(source: "csj-detail", fixture: "job_2.html", outcome: .drift, attribution: "upstream",
                          schema: SchemaInfo(golden: 2, spec: 3, migrated: true),
                          changes: [
                            change(.normalized, "/title", .emptied, .breaking, "Head of Policy Research", "", note: "css:h1.vac_title matched 1 node, now 0", cause: "upstream"),
                            change(.normalized, "/salary", .changed, .drift, "£53,730", "<script>alert(1)</script>", cause: "both"),
                            change(.finalized, "/band", .added, .info, nil, 7, cause: "spec"),
                          ],
                          notes: ["golden read through migration from version 2 to 3"],
                          diff: "@@ -1,3 +1,3 @@\n {\n-  \"title\": \"Head of Policy Research\"\n+  \"title\": \"\"\n }"),
            FixtureReport(source: "csj-results", fixture: "page_1.html", outcome: .new, schema: SchemaInfo(golden: nil, spec: 1, migrated: false)),
            FixtureReport(source: "csj-results", fixture: "page_2.html", outcome: .error, schema: SchemaInfo(golden: nil, spec: 1, migrated: false),
                          error: "Fixtures/csj-results/page_2.html: the page is empty"),
            FixtureReport(source: "csj-results", fixture: "page_3.html", outcome: .drift, attribution: "spec", schema: SchemaInfo(golden: 1, spec: 1, migrated: false),
                          changes: [change(.normalized, "/records/4", .recordRemoved, .drift, ["reference": "296730"], nil, record: "296730"),
                                    change(.normalized, "/records", .countChanged, .drift, 25, 24)]),
            FixtureReport(source: "csj-results", fixture: "page_9.html", outcome: .obsolete, schema: SchemaInfo(golden: nil, spec: 1, migrated: false),
                          notes: ["Golden/csj-results/page_9.html.json has no fixture: restore Fixtures/csj-results/page_9.html or delete the golden"]),
        ]
        return RunReport(runID: "20261122T050000Z-abc123", startedAt: "2026-11-22T05:00:00Z", finishedAt: "2026-11-22T05:00:03Z",
                         status: .degraded, failOn: .any, gatePassed: false, shard: nil,
                         manifest: ["options": ["ci": true]], fixtures: fixtures)
    }()

    private func check(_ name: String, _ rendered: String) throws {
        let url = Self.folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SNAPDRIFT_UPDATE_PINNED"] == "1" {
            try rendered.write(to: url, atomically: true, encoding: .utf8)
        }
        let pinned = try String(contentsOf: url, encoding: .utf8)
        #expect(rendered == pinned, "\(name) differs from its pinned output; run with SNAPDRIFT_UPDATE_PINNED=1 if intended")
    }

    @Test("summary.md") func summary() throws { try check("summary.md", MarkdownReporter.render(Self.report)) }
    @Test("GitHub annotations") func annotations() throws { try check("annotations.txt", GitHubReporter.annotations(Self.report)) }
    @Test("junit.xml") func junit() throws { try check("junit.xml", JUnitReporter.render(Self.report)) }
    @Test("report.html") func html() throws { try check("report.html", HTMLReporter.render(Self.report)) }
    @Test("terminal, without colour") func terminal() throws {
        try check("terminal.txt", TerminalReporter.render(Self.report, palette: .init(enabled: false), runFolder: "reports/runs/20261122T050000Z-abc123"))
    }

    @Test("report.json round-trips through its reader")
    func roundTrip() throws {
        let bytes = CanonicalJSON.bytes(Self.report.json)
        let reread = try RunReport(json: JSONReader.read(bytes).value, file: "report.json")
        #expect(reread == Self.report)
        #expect(CanonicalJSON.bytes(reread.json) == bytes)
    }
}
