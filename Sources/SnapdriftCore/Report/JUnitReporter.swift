import SnapdriftMarkup

/// `junit.xml`: a `testsuite` per source, a `testcase` per fixture; `failure` for drift (and
/// for a new fixture the gate fails on), `error` for errors and incomparable fixtures,
/// `skipped` for new (off CI) and obsolete ones. Written with libxml2's XML writer.
public enum JUnitReporter {
    public static func render(_ report: RunReport) throws(SnapdriftError) -> String {
        do {
            return try write(report)
        } catch {
            throw SnapdriftError(.internal, "cannot write junit.xml: \(error.message)")
        }
    }

    private static func write(_ report: RunReport) throws(MarkupError) -> String {
        let writer = try XMLWriter()
        let ci = report.manifest["options"]?["ci"] == .bool(true)
        let cases = report.fixtures.map { ($0, kind(of: $0, failOn: report.failOn, ci: ci)) }
        writer.startElement("testsuites", attributes: [
            ("name", "snapdrift"), ("tests", String(cases.count)),
            ("failures", String(cases.filter { $0.1 == .failure }.count)),
            ("errors", String(cases.filter { $0.1 == .error }.count)),
            ("skipped", String(cases.filter { $0.1 == .skipped }.count)),
            ("timestamp", report.startedAt),
        ])
        for (source, fixtures) in Verdict.bySource(report.fixtures) {
            let kinds = fixtures.map { kind(of: $0, failOn: report.failOn, ci: ci) }
            writer.startElement("testsuite", attributes: [
                ("name", source), ("tests", String(fixtures.count)),
                ("failures", String(kinds.filter { $0 == .failure }.count)),
                ("errors", String(kinds.filter { $0 == .error }.count)),
                ("skipped", String(kinds.filter { $0 == .skipped }.count)),
                ("timestamp", report.startedAt),
            ])
            for (fixture, kind) in zip(fixtures, kinds) {
                writer.startElement("testcase", attributes: [("classname", "snapdrift.\(source)"), ("name", fixture.fixture), ("file", fixture.fixturePath)])
                switch kind {
                case .pass:
                    break
                case .failure:
                    let message = fixture.outcome == .new ? "no golden (new fixture)" : "\(fixture.changes.count) change\(fixture.changes.count == 1 ? "" : "s")" + (fixture.worstSeverity.map { " (\($0.rawValue))" } ?? "") + (fixture.attribution.map { ", \($0)" } ?? "")
                    writer.startElement("failure", attributes: [("message", message), ("type", fixture.outcome.rawValue)])
                    writer.text(details(fixture))
                    writer.endElement()
                case .error:
                    writer.startElement("error", attributes: [("message", fixture.error ?? fixture.outcome.rawValue), ("type", fixture.outcome.rawValue)])
                    writer.text(details(fixture))
                    writer.endElement()
                case .skipped:
                    writer.startElement("skipped", attributes: [("message", fixture.outcome == .new ? "no golden yet: a pending golden was written" : fixture.notes.first ?? fixture.outcome.rawValue)])
                    writer.endElement()
                }
                writer.endElement()
            }
            writer.endElement()
        }
        writer.endElement()
        return try writer.finish()
    }

    enum CaseKind { case pass, failure, error, skipped }

    static func kind(of fixture: FixtureReport, failOn: GateLevel, ci: Bool) -> CaseKind {
        switch fixture.outcome {
        case .match: return .pass
        case .drift: return .failure
        case .error, .incomparable: return .error
        case .new: return Gate.fails(fixture, level: failOn, ci: ci) && ci ? .failure : .skipped
        case .obsolete: return .skipped
        }
    }

    private static func details(_ fixture: FixtureReport) -> String {
        var lines: [String] = []
        if let error = fixture.error { lines.append(error) }
        lines += fixture.notes
        lines += fixture.changes.map { change in
            "[\(change.severity.rawValue)] \(change.stage.rawValue) \(change.summary)" + (change.note.map { " — \($0)" } ?? "") + (change.cause.map { " (cause: \($0))" } ?? "")
        }
        return lines.joined(separator: "\n")
    }
}
