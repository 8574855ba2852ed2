import Foundation

/// A row's verdict: how a fixture moved from the baseline to the current run (DESIGN §8).
public enum MatrixVerdict: String, Sendable, CaseIterable {
    /// Same outcome, same changes.
    case unchanged
    /// Was drifting or erroring, now matches.
    case fixed
    /// Matched, now drifts or errors.
    case regressed
    /// Drifting both times, differently (or a different failure).
    case changed
    /// New in the current run: no golden yet.
    case new
    /// In the baseline, gone from the current run.
    case removed
    /// Declared out of the comparison, with a reason.
    case excluded
    /// In the current run, but the baseline has no evidence for it: a coverage gap.
    case noBaseline = "no-baseline"
}

/// What the matrix gate fails on (`matrix --fail-on`).
public enum MatrixGateLevel: String, Sendable, CaseIterable {
    /// Any regressed row (the default).
    case regressed
    /// Regressed or changed rows.
    case changed
    /// Anything but unchanged, fixed and excluded.
    case any
    case never
}

/// One side's evidence for one fixture: the outcome, and the run it came from.
public struct MatrixCell: Sendable, Equatable {
    public var entry: FixtureReport
    public var runID: String
    public var finishedAt: String
    /// The `report.json` it was read from.
    public var file: String

    /// The run's `report.html`: next to its `report.json`, or in its run folder when the
    /// evidence was `reports/latest.json`.
    public var reportHTML: String {
        let folder = (file as NSString).deletingLastPathComponent
        if (file as NSString).lastPathComponent == "latest.json" { return folder + "/runs/" + runID + "/report.html" }
        return folder + "/report.html"
    }
}

public struct MatrixRow: Sendable, Equatable {
    public var source: String
    public var fixture: String
    public var baseline: MatrixCell?
    public var current: MatrixCell?
    public var verdict: MatrixVerdict
    /// The exclusion's reason, or why a verdict was given.
    public var reason: String?
}

/// `snapdrift matrix`: the latest outcome of every fixture in the baseline reports against
/// the current run, target by target, with the evidence's schema pinned.
public struct BaselineMatrix: Sendable {
    public var rows: [MatrixRow]
    public var baselineEvidence: [MatrixEvidence]
    public var currentEvidence: [MatrixEvidence]
    public var warnings: [String]
    public var failOn: MatrixGateLevel

    public init(baseline: [MatrixEvidence], current: [MatrixEvidence], exclusions: [MatrixExclusion], failOn: MatrixGateLevel = .regressed) {
        baselineEvidence = baseline
        currentEvidence = current
        self.failOn = failOn
        let before = Self.latest(baseline)
        let after = Self.latest(current)
        var keys = Set(before.keys).union(after.keys).sorted { ($0.source, $0.fixture) < ($1.source, $1.fixture) }
        keys = keys.filter { key in
            // A fixture the current run reports obsolete is gone from it.
            !(before[key] == nil && after[key]?.entry.outcome == .obsolete)
        }
        var used = Set<Int>()
        rows = keys.map { key in
            let (source, fixture) = (key.source, key.fixture)
            var row = MatrixRow(source: source, fixture: fixture, baseline: before[key], current: after[key], verdict: .unchanged)
            if let index = exclusions.firstIndex(where: { $0.matches(source: source, fixture: fixture) }) {
                used.insert(index)
                row.verdict = .excluded
                row.reason = exclusions[index].reason
                return row
            }
            (row.verdict, row.reason) = Self.verdict(baseline: before[key]?.entry, current: after[key]?.entry)
            return row
        }
        warnings = exclusions.enumerated().filter { !used.contains($0.offset) }.map { _, exclusion in
            "\(exclusion.location): exclusion {source: \(exclusion.source), fixture: \(exclusion.fixture)} matches no fixture"
        }
        let versions = Set((baseline + current).map(\.declaredSchemaVersion))
        if versions.count > 1 || versions.first != RunReport.schemaVersion {
            warnings.append("evidence read through equivalences: report_schema_version \(versions.sorted().map(String.init).joined(separator: ", ")) as \(RunReport.schemaVersion)")
        }
    }

    /// The most recent entry (by `finished_at`, then argument order) per (source, fixture).
    static func latest(_ evidence: [MatrixEvidence]) -> [Key: MatrixCell] {
        var cells: [Key: MatrixCell] = [:]
        let ordered = evidence.enumerated().sorted { (left: (offset: Int, element: MatrixEvidence), right: (offset: Int, element: MatrixEvidence)) -> Bool in
            if left.element.report.finishedAt != right.element.report.finishedAt {
                return left.element.report.finishedAt < right.element.report.finishedAt
            }
            return left.offset < right.offset
        }
        for (_, item) in ordered {
            for entry in item.report.fixtures {
                cells[Key(entry.source, entry.fixture)] = MatrixCell(entry: entry, runID: item.report.runID, finishedAt: item.report.finishedAt, file: item.file)
            }
        }
        return cells
    }

    struct Key: Hashable {
        let source: String
        let fixture: String
        init(_ source: String, _ fixture: String) {
            self.source = source
            self.fixture = fixture
        }
    }

    static func verdict(baseline: FixtureReport?, current: FixtureReport?) -> (MatrixVerdict, String?) {
        guard let current, current.outcome != .obsolete else { return (.removed, "no longer in the current run") }
        guard let baseline, baseline.outcome != .new, baseline.outcome != .obsolete else {
            return current.outcome == .new ? (.new, "no golden yet") : (.noBaseline, "the baseline has no evidence for it")
        }
        if current.outcome == .new { return (.changed, "the golden is gone: the current run found none") }
        let wasGood = baseline.outcome == .match
        let isGood = current.outcome == .match
        switch (wasGood, isGood) {
        case (true, true): return (.unchanged, nil)
        case (false, true): return (.fixed, nil)
        case (true, false): return (.regressed, current.error ?? "\(current.changes.count) change\(current.changes.count == 1 ? "" : "s")")
        case (false, false):
            if baseline.outcome == current.outcome && changeSet(baseline) == changeSet(current) && baseline.error == current.error {
                return (.unchanged, "still \(current.outcome.rawValue), the same way")
            }
            return (.changed, baseline.outcome == current.outcome ? "still \(current.outcome.rawValue), differently" : "\(baseline.outcome.rawValue) → \(current.outcome.rawValue)")
        }
    }

    private static func changeSet(_ report: FixtureReport) -> Set<String> {
        Set(report.changes.map { "\($0.stage.rawValue) \($0.path) \($0.kind.rawValue) \(CanonicalJSON.compact($0.before ?? .null)) \(CanonicalJSON.compact($0.after ?? .null))" })
    }

    /// Rows per verdict.
    public var totals: [MatrixVerdict: Int] {
        var counts: [MatrixVerdict: Int] = [:]
        for row in rows { counts[row.verdict, default: 0] += 1 }
        return counts
    }

    /// How many fixtures of the current run (not excluded) have baseline evidence.
    public var coverage: (withBaseline: Int, fixtures: Int) {
        let relevant = rows.filter { $0.current != nil && $0.verdict != .excluded && $0.verdict != .removed }
        return (relevant.filter { $0.baseline != nil && $0.verdict != .noBaseline && $0.verdict != .new }.count, relevant.count)
    }

    public var gatePassed: Bool {
        let counts = totals
        switch failOn {
        case .never: return true
        case .regressed: return counts[.regressed, default: 0] == 0
        case .changed: return counts[.regressed, default: 0] + counts[.changed, default: 0] == 0
        case .any: return rows.allSatisfy { [.unchanged, .fixed, .excluded].contains($0.verdict) }
        }
    }
}
