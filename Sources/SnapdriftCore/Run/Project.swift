import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A snapdrift project on disk: `Fixtures/<source>/spec.yml` and pages, `Golden/<source>/`
/// goldens, `reports/` runs (DESIGN §2).
public struct Project: Sendable {
    /// The project root, absolute and with symlinks resolved.
    public let root: String
    /// Where run folders and `latest.json` go.
    public var reportsFolder: String

    /// Opens the project at `root`; it must hold a `Fixtures/` folder.
    public init(root: String, reportsFolder: String? = nil) throws(SnapdriftError) {
        let absolute = URL(fileURLWithPath: root).standardizedFileURL.path
        guard let resolved = Self.realPath(absolute), FileIO.isFolder(resolved) else {
            throw SnapdriftError(.io, "project folder \(root) does not exist")
        }
        self.root = resolved
        self.reportsFolder = reportsFolder.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: resolved + "/")).standardizedFileURL.path }
            ?? resolved + "/reports"
        guard FileIO.isFolder(fixturesFolder) else {
            throw SnapdriftError(.io, "no Fixtures/ folder in \(root)", notes: ["`snapdrift init` creates one"])
        }
    }

    public var fixturesFolder: String { root + "/Fixtures" }
    public var goldenFolder: String { root + "/Golden" }

    /// A path as users see it: relative to the project root.
    public func relative(_ path: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }

    /// The sources: folders of `Fixtures/` that hold a `spec.yml`, sorted.
    public func sources() throws(SnapdriftError) -> [String] {
        var sources: [String] = []
        for name in try list(fixturesFolder) where !name.hasPrefix(".") {
            let folder = fixturesFolder + "/" + name
            guard FileIO.isFolder(folder) else { continue }
            try requireInside(folder)
            if FileIO.exists(folder + "/spec.yml") { sources.append(name) }
        }
        return sources
    }

    /// Loads and validates `Fixtures/<source>/spec.yml`.
    public func loadSpec(_ source: String) throws(SnapdriftError) -> Spec {
        let path = fixturesFolder + "/" + source + "/spec.yml"
        try requireInside(path)
        return try SpecLoader.load(path: path, displayPath: relative(path), source: source)
    }

    /// The fixtures of a source that its spec's globs select, sorted by name. Sidecars,
    /// pending files and hidden files are never fixtures.
    public func fixtures(of spec: Spec) throws(SnapdriftError) -> [FixtureFile] {
        let folder = fixturesFolder + "/" + spec.source
        var files: [FixtureFile] = []
        for name in try list(folder) where FixtureFile.isCandidate(name) {
            guard spec.fixtures.contains(where: { fnmatch($0, name, 0) == 0 }) else { continue }
            let path = folder + "/" + name
            guard !FileIO.isFolder(path) else { continue }
            // Whether it stays inside the project is checked when the fixture is read: a link
            // out of the root is that fixture's error, not the whole run's.
            files.append(FixtureFile(project: self, source: spec.source, name: name))
        }
        return files
    }

    /// The golden files of a source (`*.json`, not pending), by fixture name.
    public func goldenNames(of source: String) throws(SnapdriftError) -> [String] {
        let folder = goldenFolder + "/" + source
        try requireInside(folder)
        return try list(folder).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }
    }

    /// The names in a project folder; a failure names the folder relative to the root and says what must hold.
    private func list(_ folder: String) throws(SnapdriftError) -> [String] {
        do {
            return try FileIO.list(folder)
        } catch {
            var relativeError = error
            relativeError.message = error.message.replacingOccurrences(of: root + "/", with: "")
            relativeError.notes.append("\(relative(folder)) must be a folder that snapdrift can read and write")
            throw relativeError
        }
    }

    /// Refuses a path that leads out of the project root, through `..` or a symlink.
    public func requireInside(_ path: String) throws(SnapdriftError) {
        guard FileIO.exists(path) || Self.linkTarget(path) != nil else { return }
        guard let resolved = Self.realPath(path) else {
            throw SnapdriftError(.unsafePath, "\(relative(path)) cannot be resolved (a dangling link?)")
        }
        guard resolved == root || resolved.hasPrefix(root + "/") else {
            throw SnapdriftError(.unsafePath, "\(relative(path)) leads outside the project (to \(resolved)); refused")
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

extension Project {
    fileprivate static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// One fixture and the files that go with it.
public struct FixtureFile: Sendable, Hashable, Comparable {
    public let source: String
    /// The file name, e.g. `job_detail_page.html`.
    public let name: String
    /// Absolute paths.
    public let path: String
    public let sidecarPath: String
    public let goldenPath: String
    public let pendingGoldenPath: String
    /// `Fixtures/<source>/<name>`, for messages and reports.
    public let displayPath: String
    public let goldenDisplayPath: String

    public init(project: Project, source: String, name: String) {
        self.source = source
        self.name = name
        path = project.fixturesFolder + "/" + source + "/" + name
        sidecarPath = path + ".meta.json"
        goldenPath = project.goldenFolder + "/" + source + "/" + name + ".json"
        pendingGoldenPath = goldenPath + ".new"
        displayPath = "Fixtures/" + source + "/" + name
        goldenDisplayPath = "Golden/" + source + "/" + name + ".json"
    }

    /// Whether a file name can be a fixture at all.
    static func isCandidate(_ name: String) -> Bool {
        !name.hasPrefix(".") && name != "spec.yml" && !name.hasSuffix(".meta.json") && !name.hasSuffix(".new")
            && !name.hasSuffix(".tmp")
    }

    public static func < (lhs: FixtureFile, rhs: FixtureFile) -> Bool {
        (lhs.source, lhs.name) < (rhs.source, rhs.name)
    }
}
