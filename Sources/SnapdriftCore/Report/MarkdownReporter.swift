/// `summary.md`: a pull-request comment — a headline verdict, a table per source, and a
/// collapsed section per changed fixture.
public enum MarkdownReporter {
    public static func render(_ report: RunReport) -> String {
        var lines: [String] = []
        lines.append("## " + Verdict.headline(report, emoji: true))
        lines.append("")
        var meta = "Run `\(report.runID)` · \(Escaping.markdown(report.engine)) · gate `--fail-on \(report.failOn.rawValue)`: **\(report.gatePassed ? "passed" : "failed")**"
        if let shard = report.shard { meta += " · shard \(shard)" }
        lines.append(meta)
        if let failure = report.failure {
            lines.append("")
            lines.append("> **The run failed:** \(Escaping.markdown(failure))")
        }
        for (source, fixtures) in Verdict.bySource(report.fixtures) {
            lines.append("")
            lines.append("### \(Escaping.markdown(source))")
            lines.append("")
            let counts = FixtureOutcome.allCases.compactMap { outcome -> String? in
                let count = fixtures.filter { $0.outcome == outcome }.count
                return count == 0 ? nil : "\(count) \(outcome.rawValue)"
            }
            lines.append(counts.joined(separator: " · "))
            let notable = fixtures.filter { $0.outcome != .match }
            guard !notable.isEmpty else { continue }
            lines.append("")
            lines.append("| fixture | outcome | severity | cause | changes |")
            lines.append("| --- | --- | --- | --- | --- |")
            for fixture in notable {
                lines.append("| \(Escaping.markdownCode(fixture.fixture)) | \(fixture.outcome.rawValue) | \(fixture.worstSeverity?.rawValue ?? "") | \(fixture.attribution ?? "") | \(fixture.changes.count) |")
            }
        }
        if !report.skipped.isEmpty {
            lines.append("")
            lines.append("**Skipped:** " + report.skipped.map { "\(Escaping.markdownCode("Fixtures/\($0.source)/\($0.fixture)")) (\(Escaping.markdown($0.reason)))" }.joined(separator: ", "))
        }
        for fixture in report.fixtures where fixture.outcome != .match {
            lines.append("")
            var summary = "\(Escaping.markdownCode(fixture.fixturePath)) — \(fixture.outcome.rawValue)"
            if let severity = fixture.worstSeverity { summary += " (\(severity.rawValue))" }
            if let attribution = fixture.attribution { summary += ", \(attribution)" }
            lines.append("<details><summary>\(summary)</summary>")
            lines.append("")
            if let error = fixture.error { lines.append("**Reason:** \(Escaping.markdown(error))") }
            for note in fixture.notes { lines.append("- \(Escaping.markdown(note))") }
            if !fixture.changes.isEmpty {
                if fixture.error != nil || !fixture.notes.isEmpty { lines.append("") }
                let causes = fixture.changes.contains { $0.cause != nil }
                lines.append("| stage | path | change | severity | before | after |" + (causes ? " cause |" : ""))
                lines.append("| --- | --- | --- | --- | --- | --- |" + (causes ? " --- |" : ""))
                for change in fixture.changes {
                    var row = "| \(change.stage.rawValue) | \(Escaping.markdownCode(change.path.description)) | \(change.kind.rawValue) | \(change.severity.rawValue)"
                    row += " | \(change.before.map { Escaping.markdownCode(DriftChange.short($0)) } ?? "")"
                    row += " | \(change.after.map { Escaping.markdownCode(DriftChange.short($0)) } ?? "") |"
                    if causes { row += " \(change.cause ?? "") |" }
                    lines.append(row)
                    if let note = change.note { lines.append("| | ↳ \(Escaping.markdown(note)) | | | | |" + (causes ? " |" : "")) }
                }
            }
            lines.append("")
            lines.append("</details>")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Wording shared by the reporters.
enum Verdict {
    /// "3 of 12 fixtures drifted (1 breaking)" style headline.
    static func headline(_ report: RunReport, emoji: Bool) -> String {
        let totals = report.totals
        let mark = { (symbol: String) in emoji ? symbol + " " : "" }
        if report.status == .failed { return mark("⛔") + "snapdrift: the run failed" }
        if report.status == .success {
            return mark("✅") + "snapdrift: all \(totals.fixtures) fixture\(totals.fixtures == 1 ? "" : "s") match"
        }
        var parts: [String] = []
        let breaking = report.fixtures.filter { $0.worstSeverity == .breaking }.count
        if totals[.drift] > 0 { parts.append("\(totals[.drift]) drifted" + (breaking > 0 ? " (\(breaking) breaking)" : "")) }
        for outcome in [FixtureOutcome.error, .new, .incomparable, .obsolete] where totals[outcome] > 0 {
            parts.append("\(totals[outcome]) \(outcome.rawValue)")
        }
        let symbol = report.gatePassed ? "⚠️" : "❌"
        return mark(symbol) + "snapdrift: " + parts.joined(separator: ", ") + " of \(totals.fixtures) fixture\(totals.fixtures == 1 ? "" : "s")"
    }

    static func bySource(_ fixtures: [FixtureReport]) -> [(String, [FixtureReport])] {
        var order: [String] = []
        var groups: [String: [FixtureReport]] = [:]
        for fixture in fixtures {
            if groups[fixture.source] == nil { order.append(fixture.source) }
            groups[fixture.source, default: []].append(fixture)
        }
        return order.map { ($0, groups[$0]!) }
    }
}
