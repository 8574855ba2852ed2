/// What `check` prints: a summary per source, then each fixture that needs attention with
/// its classified changes and a coloured line diff of the canonical JSON.
public enum TerminalReporter {
    /// ANSI colours, or none (`NO_COLOR`, or output that is not a terminal).
    public struct Palette: Sendable {
        public var enabled: Bool
        public init(enabled: Bool) { self.enabled = enabled }
        func paint(_ text: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        public func red(_ text: String) -> String { paint(text, "31") }
        public func green(_ text: String) -> String { paint(text, "32") }
        public func yellow(_ text: String) -> String { paint(text, "33") }
        public func blue(_ text: String) -> String { paint(text, "34") }
        public func magenta(_ text: String) -> String { paint(text, "35") }
        public func cyan(_ text: String) -> String { paint(text, "36") }
        public func dim(_ text: String) -> String { paint(text, "2") }
        public func bold(_ text: String) -> String { paint(text, "1") }
    }

    public static func render(_ report: RunReport, palette: Palette, runFolder: String?, diffLines: Int = 80) -> String {
        var lines: [String] = []
        let totals = report.totals
        lines.append(palette.bold("snapdrift check") + palette.dim(" · \(totals.fixtures) fixture\(totals.fixtures == 1 ? "" : "s") · run \(report.runID)"))
        for (source, fixtures) in Verdict.bySource(report.fixtures) {
            let counts = FixtureOutcome.allCases.compactMap { outcome -> String? in
                let count = fixtures.filter { $0.outcome == outcome }.count
                return count == 0 ? nil : color(outcome, palette)("\(count) \(outcome.rawValue)")
            }
            lines.append("  " + source.padding(toLength: max(source.count, 22), withPad: " ", startingAt: 0) + " " + counts.joined(separator: "  "))
        }
        for fixture in report.fixtures where fixture.outcome != .match {
            lines.append("")
            var header = color(fixture.outcome, palette)(fixture.outcome.rawValue.uppercased().padding(toLength: 12, withPad: " ", startingAt: 0))
            header += palette.bold(fixture.fixturePath)
            if let attribution = fixture.attribution { header += palette.dim(" (cause: \(attribution))") }
            lines.append(header)
            if let error = fixture.error { lines.append("    " + palette.red(error)) }
            for note in fixture.notes { lines.append("    " + palette.dim(note)) }
            for change in fixture.changes {
                let severity = change.severity == .breaking ? palette.red("breaking") : change.severity == .drift ? palette.yellow("drift   ") : palette.blue("info    ")
                var line = "    \(severity) \(change.stage == .finalized ? palette.dim("[finalized] ") : "")\(change.summary)"
                if let cause = change.cause { line += palette.dim(" [\(cause)]") }
                lines.append(line)
                if let note = change.note { lines.append("             " + palette.magenta("↳ " + note)) }
            }
            if let diff = fixture.diff, !diff.isEmpty {
                let diffLinesAll = diff.split(separator: "\n", omittingEmptySubsequences: false)
                for line in diffLinesAll.prefix(diffLines) {
                    let text = String(line)
                    if text.hasPrefix("@@") { lines.append("    " + palette.cyan(text)) }
                    else if text.hasPrefix("-") { lines.append("    " + palette.red(text)) }
                    else if text.hasPrefix("+") { lines.append("    " + palette.green(text)) }
                    else { lines.append("    " + palette.dim(text)) }
                }
                if diffLinesAll.count > diffLines {
                    lines.append("    " + palette.dim("… \(diffLinesAll.count - diffLines) more diff lines in report.html"))
                }
            }
            if fixture.outcome == .new || fixture.outcome == .drift || fixture.outcome == .incomparable {
                if report.manifest["options"]?["ci"] != .bool(true) {
                    lines.append("    " + palette.dim("pending: \(fixture.goldenPath).new — `snapdrift review`, or `snapdrift accept --fixture '\(fixture.fixture)'`"))
                }
            }
        }
        for skipped in report.skipped {
            lines.append("")
            lines.append(palette.dim("SKIPPED".padding(toLength: 12, withPad: " ", startingAt: 0)) + "Fixtures/\(skipped.source)/\(skipped.fixture)" + palette.dim(" — \(skipped.reason)"))
        }
        lines.append("")
        let status: String
        switch report.status {
        case .success: status = palette.green("success")
        case .degraded: status = palette.yellow("degraded")
        case .failed: status = palette.red("failed")
        }
        let gate = report.gatePassed ? palette.green("passed") : palette.red("failed")
        lines.append("\(Verdict.headline(report, emoji: false)) — status \(status), gate \(gate) (--fail-on \(report.failOn.rawValue))")
        if let runFolder { lines.append(palette.dim("reports: \(runFolder)/report.html")) }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func color(_ outcome: FixtureOutcome, _ palette: Palette) -> (String) -> String {
        switch outcome {
        case .match: return palette.green
        case .drift: return palette.yellow
        case .new: return palette.blue
        case .error: return palette.red
        case .incomparable: return palette.magenta
        case .obsolete: return palette.dim
        }
    }
}

/// GitHub Actions: one `::error` (or `::warning`) annotation per fixture that changed,
/// pointing at its golden; the Markdown summary goes to `$GITHUB_STEP_SUMMARY`.
public enum GitHubReporter {
    public static func annotations(_ report: RunReport) -> String {
        let ci = report.manifest["options"]?["ci"] == .bool(true)
        var lines: [String] = []
        for fixture in report.fixtures where fixture.outcome != .match {
            let level = Gate.fails(fixture, level: report.failOn, ci: ci) ? "error" : "warning"
            let file = fixture.outcome == .error || fixture.outcome == .new ? fixture.fixturePath : fixture.goldenPath
            var message = "\(fixture.fixturePath): \(fixture.outcome.rawValue)"
            if let severity = fixture.worstSeverity { message += " (\(severity.rawValue))" }
            if let attribution = fixture.attribution { message += ", cause \(attribution)" }
            if let error = fixture.error { message += ": \(error)" }
            for change in fixture.changes.prefix(10) { message += "\n\(change.severity.rawValue): \(change.summary)" }
            if fixture.changes.count > 10 { message += "\n… \(fixture.changes.count - 10) more" }
            lines.append("::\(level) file=\(property(file)),title=\(property("snapdrift \(fixture.outcome.rawValue)"))::\(data(message))")
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Workflow-command escaping of a message.
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Workflow-command escaping of a property value.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// Appends the Markdown summary to the step summary file.
    public static func appendStepSummary(_ markdown: String, to path: String) throws(SnapdriftError) {
        guard let handle = fopen(path, "a") else {
            throw SnapdriftError(.io, "cannot append to $GITHUB_STEP_SUMMARY (\(path)): \(String(cString: strerror(errno)))")
        }
        defer { fclose(handle) }
        let bytes = Array(markdown.utf8)
        guard fwrite(bytes, 1, bytes.count, handle) == bytes.count else {
            throw SnapdriftError(.io, "cannot append to $GITHUB_STEP_SUMMARY (\(path)): \(String(cString: strerror(errno)))")
        }
    }
}
#if canImport(Glibc)
import Glibc
#endif
