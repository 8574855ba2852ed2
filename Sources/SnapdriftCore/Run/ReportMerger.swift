import Foundation

/// `snapdrift merge-reports`: shard reports of one check joined into one run — one report,
/// one gate decision, one matrix input. The merged `report.json` equals what an unsharded run
/// writes, apart from its run id and timestamps.
public enum ReportMerger {
    /// Merges `reports`; they must come from the same engine and specs, with no fixture in
    /// two of them.
    public static func merge(_ reports: [(report: RunReport, file: String)], failOn: GateLevel?) throws(SnapdriftError) -> RunReport {
        guard let first = reports.first else { throw SnapdriftError(.usage, "merge-reports needs at least one report") }
        for (report, file) in reports {
            if report.engine != first.report.engine {
                throw SnapdriftError(.invalidReport, "\(file) was written by \(report.engine), \(first.file) by \(first.report.engine): shards must run the same engine")
            }
            if report.manifest["sources"] != first.report.manifest["sources"] {
                throw SnapdriftError(.invalidReport, "\(file) ran with other specs than \(first.file): shards must check the same commit")
            }
        }
        let levels = Set(reports.map(\.report.failOn))
        guard let level = failOn ?? (levels.count == 1 ? levels.first : nil) else {
            throw SnapdriftError(.usage, "the shards used different --fail-on levels (\(levels.map(\.rawValue).sorted().joined(separator: ", "))); pass --fail-on")
        }
        var seen: [String: String] = [:]
        var fixtures: [FixtureReport] = []
        for (report, file) in reports {
            for fixture in report.fixtures {
                let key = fixture.source + "/" + fixture.fixture
                if let other = seen[key] {
                    throw SnapdriftError(.invalidReport, "\(key) is in both \(other) and \(file): shards must not overlap")
                }
                seen[key] = file
                fixtures.append(fixture)
            }
        }
        fixtures.sort { ($0.source, $0.fixture) < ($1.source, $1.fixture) }
        let failures = reports.compactMap { item in item.report.failure.map { "\(item.file): \($0)" } }
        let ci = first.report.manifest["options"]?["ci"] == .bool(true)
        var manifest = first.report.manifest
        if var options = manifest["options"]?.objectValue {
            options["shard"] = .null
            if let failOn { options["fail_on"] = .string(failOn.rawValue) }
            manifest[member: "options"] = .object(options)
        }
        let failed = !failures.isEmpty
        return RunReport(runID: Timestamps.runID(Date()),
                         startedAt: reports.map(\.report.startedAt).min() ?? first.report.startedAt,
                         finishedAt: reports.map(\.report.finishedAt).max() ?? first.report.finishedAt,
                         status: failed ? .failed : Gate.status(fixtures), failOn: level,
                         gatePassed: !failed && Gate.passes(fixtures, level: level, ci: ci), shard: nil,
                         manifest: manifest, fixtures: fixtures, failure: failed ? failures.joined(separator: "; ") : nil)
    }
}

extension JSONValue {
    /// Sets member `key` of an object (no effect on other values).
    subscript(member key: String) -> JSONValue? {
        get { self[key] }
        set {
            guard case .object(var object) = self else { return }
            object[key] = newValue
            self = .object(object)
        }
    }
}
