import Foundation
import SnapdriftCore
import SnapdriftTestSupport
import Testing

/// The baseline matrix over constructed reports.
@Suite("Baseline matrix")
struct BaselineMatrixTests {
    static let schema = SchemaInfo(golden: 1, spec: 1, migrated: false)

    static func entry(_ fixture: String, _ outcome: FixtureOutcome, source: String = "jobs", changes: [DriftChange] = []) -> FixtureReport {
        FixtureReport(source: source, fixture: fixture, outcome: outcome, attribution: outcome == .drift ? "upstream" : nil, schema: schema,
                      changes: changes, error: outcome == .error ? "the page is empty" : nil)
    }

    static func change(_ path: String, after: JSONValue) -> DriftChange {
        DriftChange(stage: .normalized, path: JSONPointer(tokens: [path]), kind: .changed, before: "old", after: after)
    }

    static func report(_ id: String, finished: String, _ fixtures: [FixtureReport], shard: Shard? = nil) -> RunReport {
        RunReport(runID: id, startedAt: finished, finishedAt: finished, status: .degraded, failOn: .any, gatePassed: false,
                  shard: shard, manifest: [:], fixtures: fixtures)
    }

    private func write(_ reports: [String: RunReport], in folder: TemporaryDirectory) throws {
        for (name, report) in reports { try folder.write(name, CanonicalJSON.string(report.json)) }
    }

    private func load(_ names: [String], in folder: TemporaryDirectory, equivalences: [ReportEquivalence] = []) throws -> [MatrixEvidence] {
        try MatrixEvidenceLoader.load(names.map { folder.path($0).path }, root: folder.url.path, equivalences: equivalences)
    }

    @Test("every verdict, from the latest baseline evidence per fixture")
    func verdicts() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        try write([
            // An older baseline run; its `stale.html` match is superseded by the newer run's drift.
            "old.json": Self.report("20261101T000000Z-000001", finished: "2026-11-01T00:00:00Z", [
                Self.entry("stale.html", .match), Self.entry("only-old.html", .match),
            ]),
            "base.json": Self.report("20261110T000000Z-000002", finished: "2026-11-10T00:00:00Z", [
                Self.entry("same.html", .match), Self.entry("fixed.html", .drift, changes: [Self.change("title", after: "x")]),
                Self.entry("regressed.html", .match), Self.entry("changed.html", .drift, changes: [Self.change("title", after: "a")]),
                Self.entry("steady.html", .drift, changes: [Self.change("title", after: "a")]),
                Self.entry("stale.html", .drift, changes: [Self.change("title", after: "z")]),
                Self.entry("gone.html", .match), Self.entry("skip.html", .match),
            ]),
            "current.json": Self.report("20261120T000000Z-000003", finished: "2026-11-20T00:00:00Z", [
                Self.entry("same.html", .match), Self.entry("fixed.html", .match), Self.entry("regressed.html", .error),
                Self.entry("changed.html", .drift, changes: [Self.change("title", after: "b")]),
                Self.entry("steady.html", .drift, changes: [Self.change("title", after: "a")]),
                Self.entry("stale.html", .match), Self.entry("brand-new.html", .new), Self.entry("uncovered.html", .match),
                Self.entry("skip.html", .drift), Self.entry("only-old.html", .match),
            ]),
        ], in: folder)
        let exclusions = [
            MatrixExclusion(source: "jobs", fixture: "skip*", reason: "upstream page retired", location: SourceLocation(file: "x.yml", line: 2)),
            MatrixExclusion(source: "recipes", fixture: "*", reason: "not in this run", location: SourceLocation(file: "x.yml", line: 3)),
        ]
        let matrix = BaselineMatrix(baseline: try load(["old.json", "base.json"], in: folder), current: try load(["current.json"], in: folder),
                                    exclusions: exclusions)
        let verdicts: [String: MatrixVerdict] = Dictionary(uniqueKeysWithValues: matrix.rows.map { ($0.fixture, $0.verdict) })
        #expect(verdicts == [
            "same.html": .unchanged, "fixed.html": .fixed, "regressed.html": .regressed, "changed.html": .changed,
            "steady.html": .unchanged, "stale.html": .fixed, "gone.html": .removed, "brand-new.html": .new,
            "uncovered.html": .noBaseline, "skip.html": .excluded, "only-old.html": .unchanged,
        ])
        // Each cell remembers the run it came from.
        let stale = try #require(matrix.rows.first { $0.fixture == "stale.html" })
        #expect(stale.baseline?.runID == "20261110T000000Z-000002")
        #expect(try #require(matrix.rows.first { $0.fixture == "only-old.html" }).baseline?.runID == "20261101T000000Z-000001")
        #expect(try #require(matrix.rows.first { $0.fixture == "skip.html" }).reason == "upstream page retired")
        #expect(matrix.warnings == ["x.yml:3: exclusion {source: recipes, fixture: *} matches no fixture"])
        #expect(matrix.coverageLine == "7 of 9 fixtures have baseline evidence", "the excluded one is not counted")
        #expect(!matrix.gatePassed, "one row regressed")
        #expect(matrix.totals[.regressed] == 1)
        let json = matrix.json
        #expect(json["evidence"]?.arrayValue?.map { $0["report_schema_version"] } == [1, 1, 1])
        #expect(json["coverage"] == ["with_baseline": 7, "fixtures": 9])
        #expect(matrix.text().contains("regressed.html  match @ 20261110T000000Z-000002"))
        #expect(matrix.markdown.contains("| jobs | <code>regressed.html</code> | match @ 20261110T000000Z-000002 | error @ 20261120T000000Z-000003 | **regressed** |"))
        let html = matrix.html(linkBase: folder.url.path)
        #expect(html.contains("href=\"report.html#\(HTMLReporter.anchor(source: "jobs", fixture: "regressed.html"))\""))
    }

    @Test("the gate is configurable")
    func gateLevels() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        try write([
            "base.json": Self.report("20261110T000000Z-000002", finished: "2026-11-10T00:00:00Z", [Self.entry("a.html", .drift, changes: [Self.change("t", after: "1")])]),
            "current.json": Self.report("20261120T000000Z-000003", finished: "2026-11-20T00:00:00Z", [Self.entry("a.html", .drift, changes: [Self.change("t", after: "2")])]),
        ], in: folder)
        let before = try load(["base.json"], in: folder), after = try load(["current.json"], in: folder)
        #expect(BaselineMatrix(baseline: before, current: after, exclusions: [], failOn: .regressed).gatePassed)
        #expect(!BaselineMatrix(baseline: before, current: after, exclusions: [], failOn: .changed).gatePassed)
        #expect(BaselineMatrix(baseline: before, current: after, exclusions: [], failOn: .never).gatePassed)
    }

    @Test("shard reports of one run merge on the current side")
    func shardsMerge() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        try write([
            "base.json": Self.report("20261110T000000Z-000002", finished: "2026-11-10T00:00:00Z", [Self.entry("a.html", .match), Self.entry("b.html", .match)]),
            "shard-1.json": Self.report("20261120T000000Z-000010", finished: "2026-11-20T00:00:01Z", [Self.entry("a.html", .match)], shard: try Shard(index: 1, count: 2)),
            "shard-2.json": Self.report("20261120T000000Z-000011", finished: "2026-11-20T00:00:02Z", [Self.entry("b.html", .drift)], shard: try Shard(index: 2, count: 2)),
        ], in: folder)
        let matrix = BaselineMatrix(baseline: try load(["base.json"], in: folder), current: try load(["shard-*.json"], in: folder), exclusions: [])
        #expect(matrix.rows.map(\.verdict) == [.unchanged, .regressed])
        #expect(matrix.rows.map { $0.current?.runID } == ["20261120T000000Z-000010", "20261120T000000Z-000011"])
        #expect(matrix.coverageLine == "2 of 2 fixtures have baseline evidence")
    }

    @Test("a report of another schema version is refused, unless an equivalence says how to read it")
    func schemaPinning() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        try write(["current.json": Self.report("20261120T000000Z-000003", finished: "2026-11-20T00:00:00Z", [Self.entry("a.html", .match)])], in: folder)
        var old = Self.report("20261110T000000Z-000002", finished: "2026-11-10T00:00:00Z", [Self.entry("a.html", .match)]).json.objectValue!
        old["report_schema_version"] = 0
        old["ended_at"] = old.removeValue(forKey: "finished_at")
        var fixtures = old["fixtures"]!.arrayValue!
        var first = fixtures[0].objectValue!
        first["outcome"] = "ok"
        fixtures[0] = .object(first)
        old["fixtures"] = .array(fixtures)
        try folder.write("old.json", CanonicalJSON.string(.object(old)))

        #expect {
            try MatrixEvidenceLoader.load([folder.path("old.json").path], root: folder.url.path, equivalences: [])
        } throws: { error in
            let error = error as! SnapdriftError
            return error.message == "report_schema_version is 0, but the matrix pins its evidence at version 1" && error.notes.first?.contains("--equivalence") == true
        }
        try folder.write("equivalence.yml", "equivalences:\n  - from: 0\n    outcomes: { ok: match }\n    fields: { ended_at: finished_at }\n")
        let equivalences = try ReportEquivalence.load(path: folder.path("equivalence.yml").path)
        let matrix = BaselineMatrix(baseline: try load(["old.json"], in: folder, equivalences: equivalences),
                                    current: try load(["current.json"], in: folder), exclusions: [])
        #expect(matrix.rows.map(\.verdict) == [.unchanged])
        #expect(matrix.json["evidence"]?.arrayValue?.map { $0["report_schema_version"] } == [0, 1])
        #expect(matrix.warnings == ["evidence read through equivalences: report_schema_version 0, 1 as 1"])
    }

    @Test("exclusions need a reason, and unknown keys are refused with their line")
    func exclusionFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        try folder.write("a.yml", "exclusions:\n  - { source: jobs, fixture: \"*\" }\n")
        #expect(throws: SnapdriftError.self) { try MatrixExclusion.load(path: folder.path("a.yml").path) }
        try folder.write("b.yml", "exclusions:\n  - { source: jobs, fixture: \"*\", reason: x, resaon: y }\n")
        #expect {
            try MatrixExclusion.load(path: folder.path("b.yml").path)
        } throws: { error in
            (error as! SnapdriftError).location?.line == 2 && (error as! SnapdriftError).notes == ["did you mean 'reason'?"]
        }
    }
}
