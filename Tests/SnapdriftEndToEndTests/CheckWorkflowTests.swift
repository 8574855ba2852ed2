import Foundation
import SnapdriftCore
import SnapdriftTestSupport
import Testing

/// `check`, `accept` and the drift classification, run through the built binary on a
/// temporary project.
@Suite("check → accept → check")
struct CheckWorkflowTests {
    static let spec = """
    schema_version: 2
    records: { each: li.job, key: ref }
    fields:
      ref: { css: .ref, required: true }
      title: { css: h3, required: true }
      salary: { css: .pay, regex: "£([0-9,]+)", type: integer }
    finalize:
      fields:
        uid: { template: "job-{ref}" }
    """

    static func listing(_ jobs: [(ref: String, title: String?, pay: String)]) -> String {
        "<html><body><ul>" + jobs.map { job in
            "<li class=job>" + (job.title.map { "<h3>\($0)</h3>" } ?? "<h4>untitled</h4>") + "<span class=ref>\(job.ref)</span><span class=pay>\(job.pay)</span></li>"
        }.joined() + "</ul></body></html>"
    }

    static let original = listing([("1", "Analyst", "£20,000"), ("2", "Clerk", "£18,000")])

    private func acceptedProject() throws -> TestProject {
        let project = try TestProject(spec: Self.spec, fixtures: ["list.html": Self.original])
        let first = try project.run(["check"])
        #expect(first.status == 1, "a new fixture fails the default gate: \(first.standardOutput)")
        #expect(try project.latestEntry("list.html").outcome == .new)
        #expect(project.exists("Golden/jobs/list.html.json.new"))
        let accept = try project.run(["accept", "--all"])
        #expect(accept.status == 0)
        #expect(accept.standardOutput == "accepted Golden/jobs/list.html.json\n")
        #expect(project.exists("Golden/jobs/list.html.json") && !project.exists("Golden/jobs/list.html.json.new"))
        return project
    }

    @Test("first check is new with a pending golden; after accept, check matches and exits 0")
    func firstRun() throws {
        let project = try acceptedProject()
        defer { project.remove() }
        let second = try project.run(["check"])
        #expect(second.status == 0, "\(second.standardOutput)\(second.standardError)")
        let entry = try project.latestEntry("list.html")
        #expect(entry.outcome == .match)
        #expect(entry.reused, "nothing changed: the golden's hashes prove the output")
        let golden = try GoldenFile.read(path: project.folder.path("Golden/jobs/list.html.json").path, displayPath: "golden")
        #expect(golden.normalized["records"]?.arrayValue?.count == 2)
        #expect(golden.schemaVersion == 2 && golden.engine == "snapdrift 0.1.0" && golden.fixture == "list.html" && golden.source == "jobs")
        // The golden is canonical JSON: writing it again gives the same bytes.
        let text = try project.read("Golden/jobs/list.html.json")
        #expect(CanonicalJSON.string(golden.json) == text)
    }

    @Test("an edited fixture drifts: kinds, severities, selector health, upstream attribution")
    func upstreamDrift() throws {
        let project = try acceptedProject()
        defer { project.remove() }
        try project.write("Fixtures/jobs/list.html", Self.listing([("1", "Analyst", "£25,000"), ("2", nil, "£18,000"), ("3", "Porter", "£17,000")]))
        let run = try project.run(["check"])
        #expect(run.status == 1)
        let entry = try project.latestEntry("list.html")
        #expect(entry.outcome == .drift)
        #expect(entry.attribution == "upstream")
        let normalized = entry.changes.filter { $0.stage == .normalized }.map { "\($0.kind.rawValue) \($0.path) \($0.severity.rawValue)" }
        #expect(normalized == [
            "count_changed /records drift",
            "changed /records/0/salary drift",
            "emptied /records/1/title breaking",
            "record_added /records/2 drift",
        ])
        let emptied = try #require(entry.changes.first { $0.kind == .emptied })
        #expect(emptied.note == "css:h3 matched 1 node, now 0")
        #expect(emptied.record == "2")
        // Finalized changes that repeat normalized ones (the salary, the title, the added record) are not listed twice.
        #expect(entry.changes.filter { $0.stage == .finalized }.isEmpty)
        #expect(entry.diff?.contains("-        \"salary\": 20000,") == true, "\(entry.diff ?? "")")
        #expect(project.exists("Golden/jobs/list.html.json.new"))
        // The gate levels: breaking fails on the emptied required title; never passes.
        #expect(try project.run(["check", "--fail-on", "breaking"]).status == 1)
        #expect(try project.run(["check", "--fail-on", "never"]).status == 0)
    }

    @Test("drift below the breaking level passes --fail-on breaking")
    func gateLevels() throws {
        let project = try acceptedProject()
        defer { project.remove() }
        try project.write("Fixtures/jobs/list.html", Self.listing([("1", "Analyst", "£21,000"), ("2", "Clerk", "£18,000")]))
        #expect(try project.run(["check", "--fail-on", "breaking"]).status == 0)
        #expect(try project.run(["check", "--fail-on", "drift"]).status == 1)
    }

    @Test("a spec edit is attributed to the spec; a comment-only edit is still a match")
    func specAttribution() throws {
        let project = try acceptedProject()
        defer { project.remove() }
        try project.write("Fixtures/jobs/spec.yml", "# A comment, and the keys in another order.\n" + Self.spec.replacingOccurrences(of: "title: { css: h3, required: true }", with: "title: { required: true, css: h3 }  # the heading"))
        let comment = try project.run(["check"])
        #expect(comment.status == 0, "\(comment.standardOutput)")
        #expect(try project.latestEntry("list.html").outcome == .match)

        try project.write("Fixtures/jobs/spec.yml", Self.spec.replacingOccurrences(of: "title: { css: h3, required: true }", with: "title: { css: h3, required: true, transforms: [upper] }"))
        let edited = try project.run(["check"])
        #expect(edited.status == 1)
        let entry = try project.latestEntry("list.html")
        #expect(entry.outcome == .drift)
        #expect(entry.attribution == "spec")
        #expect(entry.changes.filter { $0.stage == .normalized }.map(\.path.description) == ["/records/0/title", "/records/1/title"])
    }

    @Test("a schema bump reads the old golden through its migration, and says so")
    func schemaMigration() throws {
        let project = try acceptedProject()
        defer { project.remove() }
        let renamed = Self.spec
            .replacingOccurrences(of: "schema_version: 2", with: "schema_version: 3")
            .replacingOccurrences(of: "  salary:", with: "  pay:")
        try project.write("Fixtures/jobs/spec.yml", renamed + "\nmigrations:\n  2: { rename: { \"/salary\": \"/pay\" } }\n")
        let migrated = try project.run(["check"])
        #expect(migrated.status == 0, "\(migrated.standardOutput)")
        let entry = try project.latestEntry("list.html")
        #expect(entry.outcome == .match)
        #expect(entry.schema == SchemaInfo(golden: 2, spec: 3, migrated: true))
        #expect(entry.notes.contains("golden read through migration from version 2 to 3"))
    }

    @Test("a schema bump without a migration is incomparable, naming both versions")
    func schemaIncomparable() throws {
        let project = try acceptedProject()
        defer { project.remove() }
        try project.write("Fixtures/jobs/spec.yml", Self.spec.replacingOccurrences(of: "schema_version: 2", with: "schema_version: 3"))
        let run = try project.run(["check"])
        #expect(run.status == 1)
        let entry = try project.latestEntry("list.html")
        #expect(entry.outcome == .incomparable)
        #expect(entry.error == "the golden is schema version 2, the spec is 3, and there is no migration from version 2")
        #expect(entry.changes.isEmpty, "never a wall of false diffs")
    }

    @Test("--ci and CI=true write nothing under Golden/, and a missing golden fails the gate")
    func ciWritesNothing() throws {
        let project = try acceptedProject()
        defer { project.remove() }
        let goldenBefore = try project.read("Golden/jobs/list.html.json")
        try project.write("Fixtures/jobs/list.html", Self.listing([("1", "Analyst", "£25,000"), ("2", "Clerk", "£18,000")]))
        try project.write("Fixtures/jobs/other.html", Self.original)
        let viaFlag = try project.run(["check", "--ci", "--fail-on", "breaking"])
        let viaEnvironment = try project.run(["check", "--fail-on", "breaking"], environment: ["CI": "true"])
        for run in [viaFlag, viaEnvironment] {
            #expect(run.status == 1, "the new fixture has no golden: \(run.standardOutput)")
        }
        #expect(project.files(under: "Golden") == ["jobs/list.html.json"])
        #expect(try project.read("Golden/jobs/list.html.json") == goldenBefore)
        #expect(try project.latestEntry("other.html").outcome == .new)
    }

    @Test("a golden whose fixture is gone is obsolete, found from the files whatever --source says")
    func obsolete() throws {
        let project = try acceptedProject()
        defer { project.remove() }
        try project.write("Fixtures/other/spec.yml", "fields:\n  title: h1\n")
        try project.write("Fixtures/other/a.html", "<h1>A</h1>")
        try FileManager.default.removeItem(at: project.folder.path("Fixtures/jobs/list.html"))
        let run = try project.run(["check", "--source", "jobs"])
        #expect(run.status == 1)
        let report = try project.latestReport()
        #expect(report.fixtures.map { "\($0.source)/\($0.fixture) \($0.outcome.rawValue)" } == ["jobs/list.html obsolete"])
        #expect(try project.run(["check", "--source", "jobs", "--fail-on", "drift"]).status == 0)
    }

    @Test("reject deletes pending goldens and leaves accepted ones")
    func reject() throws {
        let project = try acceptedProject()
        defer { project.remove() }
        let accepted = try project.read("Golden/jobs/list.html.json")
        try project.write("Fixtures/jobs/list.html", Self.listing([("1", "Analyst", "£25,000"), ("2", "Clerk", "£18,000")]))
        try project.run(["check"])
        #expect(project.exists("Golden/jobs/list.html.json.new"))
        #expect(try project.run(["reject"]).status == 64, "reject needs a selection")
        let reject = try project.run(["reject", "--fixture", "list.*"])
        #expect(reject.status == 0)
        #expect(!project.exists("Golden/jobs/list.html.json.new"))
        #expect(try project.read("Golden/jobs/list.html.json") == accepted)
    }
}
