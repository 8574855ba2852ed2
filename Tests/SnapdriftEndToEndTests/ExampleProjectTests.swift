import Foundation
import SnapdriftCore
import SnapdriftTestSupport
import Testing

/// The repository's own example project, `Examples/drifted/`, sharding and the incremental
/// check.
@Suite("Example project")
struct ExampleProjectTests {
    @Test("a copy of the example project checks clean: success, exit 0")
    func cleanExample() throws {
        let project = try TestProject(copying: ".")
        defer { project.remove() }
        let run = try project.run(["check"])
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
        let report = try project.latestReport()
        #expect(report.status == .success)
        #expect(report.totals.fixtures == 7)
        #expect(Set(report.fixtures.map(\.source)) == ["jobs-api", "jobs-detail", "jobs-listing", "legacy-feed", "recipes"])
        // One golden is kept at schema version 2 and read through the spec's migration.
        let migrated = try project.latestEntry("job-1043.html")
        #expect(migrated.schema == SchemaInfo(golden: 2, spec: 3, migrated: true))
        #expect(project.files(under: "Golden").allSatisfy { !$0.hasSuffix(".new") })
        #expect(try project.run(["validate"]).status == 0)
    }

    @Test("Examples/drifted drifts on purpose: exit 1, with breaking changes and their causes")
    func driftedExample() throws {
        let project = try TestProject(copying: "Examples/drifted")
        defer { project.remove() }
        let run = try project.run(["check"])
        #expect(run.status == 1)
        let report = try project.latestReport()
        #expect(report.status == .degraded)
        #expect(report.fixtures.filter { $0.outcome == .drift }.map(\.fixture).sorted() == [
            "job-1042.html", "openings.json", "partner-feed.txt", "red-lentil-soup.html", "search-results.html",
        ])
        #expect(report.fixtures.filter { $0.worstSeverity == .breaking }.count == 3)
        #expect(report.fixtures.filter { $0.outcome == .drift }.allSatisfy { $0.attribution == "upstream" })
        let listing = try project.latestEntry("search-results.html")
        #expect(listing.changes.contains { $0.kind == .recordRemoved && $0.record == "NW-1058" })
        #expect(listing.changes.contains { $0.kind == .recordAdded && $0.record == "NW-1071" })
        #expect(listing.changes.contains { $0.path.description == "/records/0/employer" && $0.note == "css:.result-employer matched 1 node, now 0" })
        #expect(!listing.changes.contains { $0.path.description.hasSuffix("tracking_id") }, "compare.ignore")
    }

    @Test("a 3-shard run, merged, equals the unsharded run apart from run id and timestamps")
    func shardsMerge() throws {
        let project = try TestProject(copying: "Examples/drifted")
        defer { project.remove() }
        try project.run(["check", "--ci", "--full"])
        let whole = try project.latestReport()
        var shardIDs: [String] = []
        var sizes: [Int] = []
        for index in 1...3 {
            try project.run(["check", "--ci", "--full", "--shard", "\(index)/3"])
            let shard = try project.latestReport()
            #expect(shard.shard == (try Shard(index: index, count: 3)))
            shardIDs.append(shard.runID)
            sizes.append(shard.fixtures.count)
        }
        #expect(sizes.reduce(0, +) == whole.fixtures.count)
        let merge = try project.run(["merge-reports"] + shardIDs)
        #expect(merge.status == 1, "the merged gate fails as the whole run's does")
        let merged = try project.latestReport()
        func normalized(_ report: RunReport) -> RunReport {
            var copy = report
            copy.runID = "-"
            copy.startedAt = "-"
            copy.finishedAt = "-"
            return copy
        }
        #expect(normalized(merged) == normalized(whole))
        #expect(CanonicalJSON.bytes(normalized(merged).json) == CanonicalJSON.bytes(normalized(whole).json))
        // The same shards every time: the split is a hash of the path.
        try project.run(["check", "--ci", "--full", "--shard", "2/3"])
        #expect(try project.latestReport().fixtures.count == sizes[1])
        // Overlapping shards are refused.
        let overlap = try project.run(["merge-reports", shardIDs[0], shardIDs[0] + "/../" + shardIDs[0]])
        #expect(overlap.status != 0)
    }

    @Test("incremental: nothing re-parsed when unchanged, everything with --full, exactly the edited fixture after an edit")
    func incremental() throws {
        let project = try TestProject(copying: ".")
        defer { project.remove() }
        try project.run(["check"])
        let unchanged = try project.latestReport()
        // job-1043's golden is at an older schema version: it is read through the migration, so re-checked.
        #expect(unchanged.fixtures.filter { !$0.reused }.map(\.fixture) == ["job-1043.html"])
        try project.run(["check", "--full"])
        #expect(try project.latestReport().fixtures.allSatisfy { !$0.reused })
        // A byte that changes nothing in the output: re-parsed, still a match.
        let path = "Fixtures/recipes/oven-flatbread.html"
        try project.write(path, try project.read(path) + "\n<!-- recaptured -->\n")
        let edited = try project.run(["check"])
        #expect(edited.status == 0)
        let report = try project.latestReport()
        #expect(report.fixtures.filter { !$0.reused }.map(\.fixture).sorted() == ["job-1043.html", "oven-flatbread.html"])
        #expect(report.fixtures.allSatisfy { $0.outcome == .match })
    }

    @Test("matrix on the example: a spec change that fixes one fixture and breaks another")
    func matrixOnExample() throws {
        let project = try TestProject(copying: "Examples/drifted")
        defer { project.remove() }
        try project.run(["check", "--ci"])
        let baseline = try project.latestReport().runID
        let recipes = try project.read("Fixtures/recipes/spec.yml")
        try project.write("Fixtures/recipes/spec.yml", recipes.replacingOccurrences(of: "compare:\n", with: "compare:\n  ignore: [\"/total_minutes\", \"/rating\"]\n"))
        let detail = try project.read("Fixtures/jobs-detail/spec.yml")
        try project.write("Fixtures/jobs-detail/spec.yml", detail.replacingOccurrences(of: "title: { css: \"main h1\", required: true }", with: "title: { css: \"header.job-header h1\", required: true }"))
        try project.run(["check", "--ci"])
        let current = try project.latestReport().runID
        let matrix = try project.run(["matrix", "--baseline", baseline, "--current", current, "--format", "json"])
        #expect(matrix.status == 1, "a regressed row fails the matrix gate")
        let json = try JSONReader.value(matrix.standardOutput)
        let rows = json["rows"]?.arrayValue ?? []
        #expect(rows.filter { $0["verdict"] == "fixed" }.map { $0["fixture"] } == ["red-lentil-soup.html"])
        #expect(rows.filter { $0["verdict"] == "regressed" }.map { $0["fixture"] } == ["job-1043.html"])
        #expect(rows.filter { $0["verdict"] == "unchanged" }.count == 5)
        let text = try project.run(["matrix", "--baseline", baseline, "--current", current])
        #expect(text.standardOutput.contains("7 of 7 fixtures have baseline evidence"))
        let html = try project.run(["matrix", "--baseline", baseline, "--current", "latest", "--format", "html", "--output", "matrix.html"])
        #expect(html.status == 1)
        #expect(try project.read("matrix.html").contains("href=\"reports/runs/\(current)/report.html#"))
    }
}
