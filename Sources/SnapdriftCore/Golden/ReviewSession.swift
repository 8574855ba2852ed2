/// `snapdrift review`: what is shown for each pending item, and what each key does.
public enum ReviewSession {
    public enum Decision: Sendable, Equatable {
        case accept, reject, skip, quit
    }

    /// The key's decision: `a`/`y` accept, `r`/`n` reject, `s`/space skip, `q`/Ctrl-C/Ctrl-D quit.
    public static func decision(for key: UInt8) -> Decision? {
        switch key {
        case UInt8(ascii: "a"), UInt8(ascii: "A"), UInt8(ascii: "y"): return .accept
        case UInt8(ascii: "r"), UInt8(ascii: "R"), UInt8(ascii: "n"): return .reject
        case UInt8(ascii: "s"), UInt8(ascii: "S"), UInt8(ascii: " "): return .skip
        case UInt8(ascii: "q"), UInt8(ascii: "Q"), 3, 4: return .quit
        default: return nil
        }
    }

    public static let prompt = "a accept · r reject · s skip · q quit > "

    /// The pending item as the reviewer sees it: the classified changes against the accepted
    /// golden, and a coloured line diff of the canonical JSON.
    public static func describe(_ item: PendingItem, position: Int, count: Int, project: Project,
                                palette: TerminalReporter.Palette) -> String {
        var lines: [String] = []
        var title = "[\(position)/\(count)] \(item.fixture.displayPath)"
        if item.hasPendingCapture { title += " — new capture" + (item.hasPendingGolden ? " and its golden" : "") }
        lines.append(palette.bold(title))
        do {
            guard item.hasPendingGolden else {
                lines.append(palette.dim("  the new page has no pending golden; run `snapdrift check` to see what it normalizes to"))
                return lines.joined(separator: "\n") + "\n"
            }
            let pending = try GoldenFile.read(path: item.fixture.pendingGoldenPath, displayPath: item.fixture.goldenDisplayPath + ".new")
            guard FileIO.exists(item.fixture.goldenPath) else {
                lines.append(palette.blue("  new fixture: no accepted golden yet"))
                lines += CanonicalJSON.string(["normalized": pending.normalized, "finalized": pending.finalized])
                    .split(separator: "\n").prefix(60).map { "  " + palette.green("+" + $0) }
                return lines.joined(separator: "\n") + "\n"
            }
            let golden = try GoldenFile.read(path: item.fixture.goldenPath, displayPath: item.fixture.goldenDisplayPath)
            let spec = try project.loadSpec(item.fixture.source)
            var compared = golden
            if case .migrated(let upgraded, _) = SchemaMigration.migrate(golden, to: spec) { compared = upgraded }
            let comparison = Comparison(golden: compared, current: pending, spec: spec)
            if comparison.changes.isEmpty { lines.append(palette.dim("  no change in the records")) }
            for change in comparison.changes {
                let severity = change.severity == .breaking ? palette.red("breaking") : change.severity == .drift ? palette.yellow("drift   ") : palette.blue("info    ")
                lines.append("  \(severity) \(change.stage == .finalized ? "[finalized] " : "")\(change.summary)")
                if let note = change.note { lines.append("           " + palette.magenta("↳ " + note)) }
            }
            for note in comparison.health { lines.append("  " + palette.dim(note)) }
            let diff = LineDiff.unified(old: FixtureCheck.outputsText(compared), new: FixtureCheck.outputsText(pending))
            for line in diff.split(separator: "\n", omittingEmptySubsequences: false) {
                let text = String(line)
                if text.hasPrefix("@@") { lines.append("  " + palette.cyan(text)) }
                else if text.hasPrefix("-") { lines.append("  " + palette.red(text)) }
                else if text.hasPrefix("+") { lines.append("  " + palette.green(text)) }
                else { lines.append("  " + palette.dim(text)) }
            }
        } catch {
            lines.append("  " + palette.red("cannot show the diff: \(error.plainText)"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
