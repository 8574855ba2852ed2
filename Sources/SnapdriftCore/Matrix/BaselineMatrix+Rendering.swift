import Foundation

extension BaselineMatrix {
    /// "19 of 21 fixtures have baseline evidence".
    public var coverageLine: String {
        let (with, all) = coverage
        return "\(with) of \(all) fixture\(all == 1 ? "" : "s") \(with == 1 && all == 1 ? "has" : "have") baseline evidence"
    }

    private func evidenceJSON(_ evidence: [MatrixEvidence], side: String) -> [JSONValue] {
        evidence.map {
            ["side": .string(side), "file": .string($0.file), "run_id": .string($0.report.runID), "finished_at": .string($0.report.finishedAt),
             "report_schema_version": .integer($0.declaredSchemaVersion), "read_as": .integer(RunReport.schemaVersion),
             "shard": $0.report.shard.map { .string($0.description) } ?? .null]
        }
    }

    private func cellJSON(_ cell: MatrixCell?) -> JSONValue {
        guard let cell else { return .null }
        return ["outcome": .string(cell.entry.outcome.rawValue), "run_id": .string(cell.runID), "changes": .integer(cell.entry.changes.count),
                "severity": cell.entry.worstSeverity.map { .string($0.rawValue) } ?? .null, "report": .string(cell.reportHTML)]
    }

    /// `--format json`.
    public var json: JSONValue {
        var totalsObject = JSONObject()
        for verdict in MatrixVerdict.allCases { totalsObject[verdict.rawValue] = .integer(totals[verdict, default: 0]) }
        let (with, all) = coverage
        return [
            "matrix_schema_version": 1,
            "evidence": .array(evidenceJSON(baselineEvidence, side: "baseline") + evidenceJSON(currentEvidence, side: "current")),
            "rows": .array(rows.map { row in
                ["source": .string(row.source), "fixture": .string(row.fixture), "verdict": .string(row.verdict.rawValue),
                 "baseline": cellJSON(row.baseline), "current": cellJSON(row.current), "reason": row.reason.map(JSONValue.string) ?? .null]
            }),
            "totals": .object(totalsObject),
            "coverage": ["with_baseline": .integer(with), "fixtures": .integer(all)],
            "warnings": .array(warnings.map(JSONValue.string)),
            "gate": ["fail_on": .string(failOn.rawValue), "passed": .bool(gatePassed)],
        ]
    }

    private func describe(_ cell: MatrixCell?) -> String {
        guard let cell else { return "–" }
        var text = cell.entry.outcome.rawValue
        if let severity = cell.entry.worstSeverity, cell.entry.outcome == .drift { text += " (\(severity.rawValue))" }
        return text + " @ " + cell.runID
    }

    /// `--format text`: a table for terminals.
    public func text(palette: TerminalReporter.Palette = .init(enabled: false)) -> String {
        let headers = ["source", "fixture", "baseline", "current", "verdict", "note"]
        let body = rows.map { [$0.source, $0.fixture, describe($0.baseline), describe($0.current), $0.verdict.rawValue, $0.reason ?? ""] }
        var widths = headers.map(\.count)
        for row in body { for (index, cell) in row.enumerated() where index < 5 { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String], colour: ((String) -> String)? = nil) -> String {
            cells.enumerated().map { index, cell in
                let padded = index < 5 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) : cell
                return index == 4 ? (colour?(padded) ?? padded) : padded
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var lines = [line(headers), line(widths.enumerated().map { String(repeating: "-", count: $0.offset < 5 ? $0.element : 4) })]
        for (row, cells) in zip(rows, body) {
            lines.append(line(cells, colour: { text in
                switch row.verdict {
                case .regressed: return palette.red(text)
                case .fixed: return palette.green(text)
                case .changed, .noBaseline: return palette.yellow(text)
                case .excluded, .removed: return palette.dim(text)
                default: return text
                }
            }))
        }
        lines.append("")
        let counts = totals
        lines.append(MatrixVerdict.allCases.compactMap { verdict in counts[verdict].map { "\($0) \(verdict.rawValue)" } }.joined(separator: " · "))
        lines.append(coverageLine)
        for evidence in baselineEvidence { lines.append("baseline: \(evidence.file) (run \(evidence.report.runID), report_schema_version \(evidence.declaredSchemaVersion))") }
        for evidence in currentEvidence { lines.append("current:  \(evidence.file) (run \(evidence.report.runID), report_schema_version \(evidence.declaredSchemaVersion))") }
        for warning in warnings { lines.append("warning: \(warning)") }
        lines.append("gate --fail-on \(failOn.rawValue): \(gatePassed ? "passed" : "failed")")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `--format md`: for a pull-request comment.
    public var markdown: String {
        var lines = ["## snapdrift matrix: " + MatrixVerdict.allCases.compactMap { verdict in totals[verdict].map { "\($0) \(verdict.rawValue)" } }.joined(separator: ", "), ""]
        lines.append(coverageLine + " · gate `--fail-on \(failOn.rawValue)`: **\(gatePassed ? "passed" : "failed")**")
        lines.append("")
        lines.append("| source | fixture | baseline | current | verdict | note |")
        lines.append("| --- | --- | --- | --- | --- | --- |")
        for row in rows {
            lines.append("| \(Escaping.markdown(row.source)) | \(Escaping.markdownCode(row.fixture)) | \(Escaping.markdown(describe(row.baseline))) | \(Escaping.markdown(describe(row.current))) | **\(row.verdict.rawValue)** | \(Escaping.markdown(row.reason ?? "")) |")
        }
        lines.append("")
        lines.append("Evidence (report_schema_version pinned at \(RunReport.schemaVersion)):")
        for evidence in baselineEvidence { lines.append("- baseline `\(Escaping.markdown(evidence.file))` — run \(evidence.report.runID), version \(evidence.declaredSchemaVersion)") }
        for evidence in currentEvidence { lines.append("- current `\(Escaping.markdown(evidence.file))` — run \(evidence.report.runID), version \(evidence.declaredSchemaVersion)") }
        for warning in warnings { lines.append("- ⚠️ \(Escaping.markdown(warning))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `--format html`: a grid, rows grouped by source, a colour per verdict, each cell naming
    /// its run and linking to the fixture's section in that run's `report.html`. Links are
    /// relative to `linkBase` (the folder the HTML is written to).
    public func html(linkBase: String) -> String {
        let e = Escaping.html
        func link(_ cell: MatrixCell?) -> String {
            guard let cell else { return "<td class=\"none\">–</td>" }
            let target = Self.relativePath(from: linkBase, to: cell.reportHTML) + "#" + HTMLReporter.anchor(source: cell.entry.source, fixture: cell.entry.fixture)
            var label = cell.entry.outcome.rawValue
            if let severity = cell.entry.worstSeverity, cell.entry.outcome == .drift { label += " · " + severity.rawValue }
            return "<td class=\"o-\(cell.entry.outcome.rawValue)\"><a href=\"\(e(target))\">\(e(label))</a><div class=\"run\">\(e(cell.runID))</div></td>"
        }
        var body = "<header><h1>snapdrift matrix</h1><p>\(e(coverageLine)) · gate <code>--fail-on \(failOn.rawValue)</code>: <strong>\(gatePassed ? "passed" : "failed")</strong></p><p class=\"totals\">"
        for verdict in MatrixVerdict.allCases where totals[verdict] != nil {
            body += "<span class=\"v v-\(verdict.rawValue)\">\(totals[verdict]!) \(verdict.rawValue)</span> "
        }
        body += "</p></header><table><thead><tr><th>fixture</th><th>baseline</th><th>current</th><th>verdict</th><th>note</th></tr></thead>"
        var source: String?
        for row in rows {
            if row.source != source {
                source = row.source
                body += "<tbody><tr class=\"source\"><th colspan=\"5\">\(e(row.source))</th></tr>"
            }
            body += "<tr class=\"row r-\(row.verdict.rawValue)\"><td><code>\(e(row.fixture))</code></td>\(link(row.baseline))\(link(row.current))"
            body += "<td><span class=\"v v-\(row.verdict.rawValue)\">\(row.verdict.rawValue)</span></td><td class=\"note\">\(e(row.reason ?? ""))</td></tr>"
        }
        body += "</table><section class=\"evidence\"><h2>Evidence</h2><ul>"
        for evidence in baselineEvidence { body += "<li>baseline <code>\(e(evidence.file))</code> — run \(e(evidence.report.runID)), report_schema_version \(evidence.declaredSchemaVersion)</li>" }
        for evidence in currentEvidence { body += "<li>current <code>\(e(evidence.file))</code> — run \(e(evidence.report.runID)), report_schema_version \(evidence.declaredSchemaVersion)</li>" }
        for warning in warnings { body += "<li class=\"warning\">\(e(warning))</li>" }
        body += "</ul></section>"
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>snapdrift matrix</title>
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <style>
        body{margin:0;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Arial,sans-serif;background:#f6f7f9;color:#1d2330}
        header{background:#fff;padding:20px 28px;border-bottom:1px solid #e3e6eb}h1{margin:0 0 4px;font-size:20px}
        table{border-collapse:collapse;margin:20px 28px;background:#fff;border:1px solid #e3e6eb;min-width:70%}
        th,td{padding:7px 10px;border-bottom:1px solid #e3e6eb;text-align:left;vertical-align:top}thead th{background:#f0f2f5;color:#5b6475;font-size:12px;text-transform:uppercase}
        tr.source th{background:#fafbfc;font-size:13px;color:#1d2330}code{font:12.5px ui-monospace,Menlo,Consolas,monospace}
        td a{color:inherit;font-weight:600;text-decoration:none}td .run{color:#8a93a3;font-size:11.5px}td.none{color:#b5bcc8}
        td.o-match{background:#eaf7ef}td.o-drift{background:#fff4e0}td.o-error,td.o-incomparable{background:#fdecec}td.o-new{background:#eaf1fd}td.o-obsolete{background:#f1f2f4}
        .v{display:inline-block;border-radius:10px;padding:1px 8px;font-size:12px;font-weight:700;color:#fff;background:#6b7280}
        .v-unchanged{background:#8a93a3}.v-fixed{background:#1f8a4c}.v-regressed{background:#c62828}.v-changed{background:#c77700}.v-new{background:#2f6fdd}.v-removed{background:#6b7280}.v-excluded{background:#b5bcc8}.v-no-baseline{background:#7b3fc4}
        tr.r-regressed td:first-child{border-left:4px solid #c62828}tr.r-fixed td:first-child{border-left:4px solid #1f8a4c}
        .note{color:#5b6475}.evidence{margin:0 28px 28px}.evidence h2{font-size:14px;color:#5b6475;text-transform:uppercase}.warning{color:#c77700}
        </style></head><body>
        \(body)
        </body></html>

        """
    }

    /// `to` relative to the folder `base` (both absolute or both relative to the same place).
    static func relativePath(from base: String, to target: String) -> String {
        let baseParts = URL(fileURLWithPath: base).standardizedFileURL.pathComponents
        let targetParts = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
        var common = 0
        while common < min(baseParts.count, targetParts.count), baseParts[common] == targetParts[common] { common += 1 }
        let ups = Array(repeating: "..", count: baseParts.count - common)
        return (ups + targetParts[common...]).joined(separator: "/")
    }
}

