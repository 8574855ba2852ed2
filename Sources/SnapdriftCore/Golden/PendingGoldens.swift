/// A pending change waiting for `accept` or `reject`: a golden written by `check`
/// (`<fixture>.json.new`), and for a recapture the new page and sidecar (`<fixture>.new`).
public struct PendingItem: Sendable, Equatable {
    public var fixture: FixtureFile
    /// `Golden/<source>/<fixture>.json.new` exists.
    public var hasPendingGolden: Bool
    /// `Fixtures/<source>/<fixture>.new` exists (from `capture`).
    public var hasPendingCapture: Bool

    var capturePath: String { fixture.path + ".new" }
    var captureSidecarPath: String { fixture.sidecarPath + ".new" }
}

/// Finding, accepting and rejecting pending goldens and captures.
public enum PendingGoldens {
    /// Pending items of the selected sources whose fixture name matches `fixtureGlob`.
    public static func list(project: Project, sources: [String] = [], fixtureGlob: String? = nil) throws(SnapdriftError) -> [PendingItem] {
        try AcceptJournal.recover(project: project)
        let available = try project.sources()
        for wanted in sources where !available.contains(wanted) {
            throw SnapdriftError(.usage, "no source named '\(wanted)' in Fixtures/",
                                 notes: Suggestion.closest(to: wanted, in: available).map { ["did you mean '\($0)'?"] } ?? [])
        }
        var items: [String: PendingItem] = [:]
        for source in available where sources.isEmpty || sources.contains(source) {
            for name in try FileIO.list(project.goldenFolder + "/" + source) where name.hasSuffix(".json.new") {
                let fixtureName = String(name.dropLast(".json.new".count))
                let key = source + "/" + fixtureName
                items[key, default: PendingItem(fixture: FixtureFile(project: project, source: source, name: fixtureName), hasPendingGolden: false, hasPendingCapture: false)].hasPendingGolden = true
            }
            for name in try FileIO.list(project.fixturesFolder + "/" + source) where name.hasSuffix(".new") && !name.hasSuffix(".meta.json.new") {
                let fixtureName = String(name.dropLast(".new".count))
                let key = source + "/" + fixtureName
                items[key, default: PendingItem(fixture: FixtureFile(project: project, source: source, name: fixtureName), hasPendingGolden: false, hasPendingCapture: false)].hasPendingCapture = true
            }
        }
        return items.values
            .filter { item in fixtureGlob.map { fnmatch($0, item.fixture.name, 0) == 0 } ?? true }
            .sorted { $0.fixture < $1.fixture }
    }

    /// Promotes the pending golden (and capture) of `item`: the new page, sidecar and golden
    /// replace the old ones together.
    public static func accept(_ item: PendingItem, project: Project) throws(SnapdriftError) {
        var renames: [(String, String)] = []
        if item.hasPendingCapture {
            renames.append((project.relative(item.capturePath), project.relative(item.fixture.path)))
            if FileIO.exists(item.captureSidecarPath) {
                renames.append((project.relative(item.captureSidecarPath), project.relative(item.fixture.sidecarPath)))
            }
        }
        if item.hasPendingGolden {
            renames.append((project.relative(item.fixture.pendingGoldenPath), project.relative(item.fixture.goldenPath)))
        }
        try AcceptJournal.perform(renames, project: project)
    }

    /// Deletes the pending golden (and capture) of `item`; the accepted files are untouched.
    public static func reject(_ item: PendingItem, project: Project) throws(SnapdriftError) {
        if item.hasPendingGolden { try FileIO.remove(item.fixture.pendingGoldenPath) }
        if item.hasPendingCapture {
            try FileIO.remove(item.capturePath)
            try FileIO.remove(item.captureSidecarPath)
        }
    }
}
#if canImport(Glibc)
import Glibc
#endif
