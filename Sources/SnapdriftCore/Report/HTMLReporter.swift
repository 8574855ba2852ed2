/// `report.html`: one self-contained page (inline CSS, no scripts, nothing from the
/// network). Everything that comes from a page is escaped, so a value holding `<script>` is
/// text.
public enum HTMLReporter {
    /// The anchor of a fixture's section, for links from the matrix.
    public static func anchor(source: String, fixture: String) -> String {
        "f-" + (source + "-" + fixture).unicodeScalars.map { scalar in
            (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
                ? String(scalar) : "_" + String(scalar.value, radix: 16)
        }.joined()
    }

    public static func render(_ report: RunReport) -> String {
        let e = Escaping.html
        var body = ""
        let totals = report.totals
        let verdictClass = report.status == .failed ? "failed" : report.status == .success ? "success" : (report.gatePassed ? "warn" : "failed")
        body += "<header class=\"\(verdictClass)\"><h1>\(e(Verdict.headline(report, emoji: false)))</h1>"
        body += "<p class=\"meta\">Run <code>\(e(report.runID))</code> · \(e(report.engine)) · started \(e(report.startedAt)) · finished \(e(report.finishedAt))"
        if let shard = report.shard { body += " · shard \(shard)" }
        body += "</p><p class=\"gate\">Gate <code>--fail-on \(report.failOn.rawValue)</code>: <strong>\(report.gatePassed ? "passed" : "failed")</strong> · status <strong>\(report.status.rawValue)</strong></p>"
        if let failure = report.failure { body += "<p class=\"failure\">\(e(failure))</p>" }
        body += "</header>"

        body += "<section class=\"cards\">"
        body += "<div class=\"card\"><span class=\"n\">\(totals.fixtures)</span><span>fixtures</span></div>"
        for outcome in FixtureOutcome.allCases {
            body += "<div class=\"card o-\(outcome.rawValue)\"><span class=\"n\">\(totals[outcome])</span><span>\(outcome.rawValue)</span></div>"
        }
        body += "</section>"

        body += "<section><h2>Sources</h2><table class=\"sources\"><thead><tr><th>source</th>"
        for outcome in FixtureOutcome.allCases { body += "<th>\(outcome.rawValue)</th>" }
        body += "</tr></thead><tbody>"
        for (source, fixtures) in Verdict.bySource(report.fixtures) {
            body += "<tr><td><code>\(e(source))</code></td>"
            for outcome in FixtureOutcome.allCases {
                let count = fixtures.filter { $0.outcome == outcome }.count
                body += count == 0 ? "<td class=\"zero\">·</td>" : "<td class=\"o-\(outcome.rawValue)\">\(count)</td>"
            }
            body += "</tr>"
        }
        body += "</tbody></table></section>"

        let notable = report.fixtures.filter { $0.outcome != .match }
        if !notable.isEmpty {
            body += "<section><h2>Needs attention</h2>"
            for fixture in notable { body += section(fixture, open: true) }
            body += "</section>"
        }
        if !report.skipped.isEmpty {
            body += "<section><h2>Skipped</h2><ul class=\"matched\">"
            for skipped in report.skipped {
                body += "<li><code>\(e("Fixtures/\(skipped.source)/\(skipped.fixture)"))</code> <span class=\"tag\">\(e(skipped.reason))</span></li>"
            }
            body += "</ul></section>"
        }
        let matched = report.fixtures.filter { $0.outcome == .match }
        if !matched.isEmpty {
            body += "<section><h2>Matched</h2><ul class=\"matched\">"
            for fixture in matched {
                body += "<li id=\"\(anchor(source: fixture.source, fixture: fixture.fixture))\"><code>\(e(fixture.fixturePath))</code>"
                if fixture.reused { body += " <span class=\"tag\">unchanged</span>" }
                for note in fixture.notes { body += "<div class=\"note\">\(e(note))</div>" }
                body += "</li>"
            }
            body += "</ul></section>"
        }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <title>\(e(Verdict.headline(report, emoji: false))) · \(e(report.runID))</title>
        <style>\(css)</style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    private static func section(_ fixture: FixtureReport, open: Bool) -> String {
        let e = Escaping.html
        var html = "<details class=\"fixture o-\(fixture.outcome.rawValue)\" id=\"\(anchor(source: fixture.source, fixture: fixture.fixture))\"\(open ? " open" : "")>"
        html += "<summary><span class=\"badge o-\(fixture.outcome.rawValue)\">\(fixture.outcome.rawValue)</span>"
        if let severity = fixture.worstSeverity, severity != .drift {
            html += " <span class=\"badge s-\(severity.rawValue)\">\(severity.rawValue)</span>"
        }
        html += " <code>\(e(fixture.fixturePath))</code>"
        if let attribution = fixture.attribution { html += " <span class=\"cause\">cause: <strong>\(e(attribution))</strong></span>" }
        if !fixture.changes.isEmpty { html += " <span class=\"count\">\(fixture.changes.count) change\(fixture.changes.count == 1 ? "" : "s")</span>" }
        html += "</summary><div class=\"inner\">"
        html += "<p class=\"meta\">golden <code>\(e(fixture.goldenPath))</code> · schema golden \(fixture.schema.golden.map(String.init) ?? "–") / spec \(fixture.schema.spec.map(String.init) ?? "–")\(fixture.schema.migrated ? " (migrated)" : "")</p>"
        if let error = fixture.error { html += "<p class=\"error\">\(e(error))</p>" }
        if !fixture.notes.isEmpty {
            html += "<ul class=\"notes\">" + fixture.notes.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        }
        if !fixture.changes.isEmpty {
            let causes = fixture.changes.contains { $0.cause != nil }
            html += "<table class=\"changes\"><thead><tr><th>severity</th><th>change</th><th>path</th><th>before</th><th>after</th>\(causes ? "<th>cause</th>" : "")</tr></thead><tbody>"
            for change in fixture.changes {
                html += "<tr class=\"s-\(change.severity.rawValue)\"><td><span class=\"badge s-\(change.severity.rawValue)\">\(change.severity.rawValue)</span></td>"
                html += "<td>\(change.kind.rawValue)<div class=\"stage\">\(change.stage.rawValue)</div></td>"
                html += "<td><code>\(e(change.path.description))</code>\(change.record.map { "<div class=\"stage\">record \(e($0))</div>" } ?? "")"
                if let note = change.note { html += "<div class=\"note\">\(e(note))</div>" }
                html += "</td><td class=\"before\">\(change.before.map { "<code>\(e(DriftChange.short($0)))</code>" } ?? "<span class=\"absent\">absent</span>")</td>"
                html += "<td class=\"after\">\(change.after.map { "<code>\(e(DriftChange.short($0)))</code>" } ?? "<span class=\"absent\">absent</span>")</td>"
                if causes { html += "<td>\(e(change.cause ?? ""))</td>" }
                html += "</tr>"
            }
            html += "</tbody></table>"
        }
        if let diff = fixture.diff, !diff.isEmpty {
            html += "<div class=\"diff\"><div class=\"difftitle\">golden → current (canonical JSON)</div><pre>"
            for line in diff.split(separator: "\n", omittingEmptySubsequences: false) {
                let kind = line.hasPrefix("@@") ? "hunk" : line.hasPrefix("-") ? "del" : line.hasPrefix("+") ? "add" : "ctx"
                html += "<span class=\"\(kind)\">\(e(String(line)))</span>"
            }
            html += "</pre></div>"
        }
        html += "</div></details>"
        return html
    }

    private static let css = """
    :root{--bg:#f6f7f9;--card:#fff;--ink:#1d2330;--muted:#5b6475;--line:#e3e6eb;--match:#1f8a4c;--drift:#c77700;--new:#2f6fdd;--error:#c62828;--incomparable:#7b3fc4;--obsolete:#6b7280;--breaking:#c62828;--info:#2f6fdd}
    *{box-sizing:border-box}body{margin:0;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;background:var(--bg);color:var(--ink)}
    header{padding:24px 32px;background:var(--card);border-bottom:4px solid var(--match)}header.warn{border-color:var(--drift)}header.failed{border-color:var(--error)}
    h1{margin:0 0 6px;font-size:22px}h2{font-size:16px;margin:28px 32px 12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
    .meta,.gate{margin:2px 0;color:var(--muted)}.failure,.error{color:var(--error);font-weight:600;white-space:pre-wrap}
    code{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef0f4;padding:1px 5px;border-radius:4px;overflow-wrap:anywhere}
    .cards{display:flex;flex-wrap:wrap;gap:12px;padding:20px 32px 0}.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 18px;min-width:110px;display:flex;flex-direction:column}
    .card .n{font-size:26px;font-weight:700}.card span:last-child{color:var(--muted)}
    .card.o-match .n{color:var(--match)}.card.o-drift .n{color:var(--drift)}.card.o-new .n{color:var(--new)}.card.o-error .n{color:var(--error)}.card.o-incomparable .n{color:var(--incomparable)}.card.o-obsolete .n{color:var(--obsolete)}
    section>table,section>details,section>ul{margin:0 32px 12px}
    table{border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:8px;overflow:hidden;width:calc(100% - 64px)}
    th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}th{background:#f0f2f5;font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase}
    td.zero{color:#b5bcc8}td.o-match{color:var(--match);font-weight:700}td.o-drift{color:var(--drift);font-weight:700}td.o-new{color:var(--new);font-weight:700}td.o-error,td.o-incomparable{color:var(--error);font-weight:700}td.o-obsolete{color:var(--obsolete);font-weight:700}
    details.fixture{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--drift);border-radius:8px;margin-bottom:12px}
    details.o-error,details.o-incomparable{border-left-color:var(--error)}details.o-new{border-left-color:var(--new)}details.o-obsolete{border-left-color:var(--obsolete)}
    summary{cursor:pointer;padding:10px 14px;font-weight:600}.inner{padding:0 14px 14px}.inner table{width:100%}
    .badge{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;padding:1px 7px;border-radius:10px;color:#fff;background:var(--muted)}
    .badge.o-drift{background:var(--drift)}.badge.o-new{background:var(--new)}.badge.o-error{background:var(--error)}.badge.o-incomparable{background:var(--incomparable)}.badge.o-obsolete{background:var(--obsolete)}
    .badge.s-breaking{background:var(--breaking)}.badge.s-drift{background:var(--drift)}.badge.s-info{background:var(--info)}
    .cause,.count{font-weight:400;color:var(--muted);margin-left:8px}.stage{color:var(--muted);font-size:12px}.note{color:var(--incomparable);font-size:12.5px;margin-top:3px}
    td.before code{background:#fdecec}td.after code{background:#e8f6ee}.absent{color:#b5bcc8;font-style:italic}
    ul.notes{margin:6px 0 10px;padding-left:20px;color:var(--muted)}
    .diff{margin-top:12px;border:1px solid var(--line);border-radius:8px;overflow:hidden}.difftitle{background:#f0f2f5;padding:6px 10px;color:var(--muted);font-size:12px}
    .diff pre{margin:0;padding:8px 0;overflow-x:auto;font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
    .diff span{display:block;padding:0 12px;white-space:pre}.diff .add{background:#e6f6ec;color:#135c32}.diff .del{background:#fdecec;color:#8e1c1c}.diff .hunk{color:var(--new);background:#eef3fd}
    ul.matched{list-style:none;padding:0;background:var(--card);border:1px solid var(--line);border-radius:8px}ul.matched li{padding:6px 12px;border-bottom:1px solid var(--line)}
    .tag{font-size:11px;color:var(--muted);border:1px solid var(--line);border-radius:8px;padding:0 6px}
    """
}
