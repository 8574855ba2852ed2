import Foundation
import Testing
import SnapdriftCore

/// A throwaway snapdrift project in a temporary folder, for end-to-end tests.
public struct TestProject: Sendable {
    public let folder: TemporaryDirectory
    public var root: URL { folder.url }

    /// A project with one source: `spec` and the fixtures (file name → contents).
    public init(source: String = "jobs", spec: String, fixtures: [String: String]) throws {
        folder = try TemporaryDirectory("snapdrift-e2e")
        try folder.write("Fixtures/\(source)/spec.yml", spec)
        for (name, text) in fixtures { try folder.write("Fixtures/\(source)/\(name)", text) }
        try FileManager.default.createDirectory(at: folder.path("Golden"), withIntermediateDirectories: true)
    }

    /// A copy of a project folder of this repository (`Fixtures/` and `Golden/` under
    /// `relative`, e.g. "." for the example project or "Examples/drifted").
    public init(copying relative: String) throws {
        folder = try TemporaryDirectory("snapdrift-example")
        let source = SharedMaterial.repositoryRoot.appendingPathComponent(relative)
        for name in ["Fixtures", "Golden"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.path(name))
        }
    }

    /// Runs `snapdrift arguments…` at the project root.
    @discardableResult
    public func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> SnapdriftProcess.Outcome {
        try SnapdriftProcess.run(arguments, in: root, environment: environment, input: input)
    }

    public func write(_ relative: String, _ text: String) throws { try folder.write(relative, text) }
    public func read(_ relative: String) throws -> String { try folder.read(relative) }
    public func exists(_ relative: String) -> Bool { folder.exists(relative) }

    /// `reports/latest.json`, parsed.
    public func latestReport() throws -> RunReport {
        try RunReport.read(path: folder.path("reports/latest.json").path)
    }

    /// The one fixture entry of the latest report named `fixture`.
    public func latestEntry(_ fixture: String) throws -> FixtureReport {
        guard let entry = try latestReport().fixtures.first(where: { $0.fixture == fixture }) else {
            throw TestProjectError.missing(fixture)
        }
        return entry
    }

    /// The files under `relative`, sorted, relative to it.
    public func files(under relative: String) -> [String] {
        let base = folder.path(relative).path
        let enumerator = FileManager.default.enumerator(atPath: base)
        return ((enumerator?.allObjects as? [String]) ?? []).filter { !FileIO.isFolder(base + "/" + $0) }.sorted()
    }

    /// The folder of the run `reports/latest.json` describes.
    public func latestRunFolder() throws -> URL {
        folder.path("reports/runs/" + (try latestReport().runID))
    }

    /// The run folders, sorted by name (run ids of one second sort by their random suffix).
    public func runFolders() -> [URL] {
        let runs = folder.path("reports/runs")
        guard FileManager.default.fileExists(atPath: runs.path) else { return [] }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: runs.path).sorted().map { runs.appendingPathComponent($0) }
        } catch {
            Issue.record("cannot list \(runs.path): \(error)")
            return []
        }
    }

    public func remove() {
        folder.cleanUp()
    }

    enum TestProjectError: Error { case missing(String) }
}
