import Foundation

/// What `capture` did with one fixture.
public struct CaptureResult: Sendable {
    public enum Status: Sendable, Equatable {
        /// A pending capture and its pending golden were written; `changes` is how many
        /// changes the new page makes to the records.
        case captured(changes: Int, breaking: Int)
        /// The live page is byte for byte the captured one: nothing written.
        case unchanged
        case failed(String)
        case skipped(String)
    }

    public var fixture: FixtureFile
    public var status: Status
}

/// `snapdrift capture`: stores live pages as pending fixtures (`<name>.new` and
/// `<name>.meta.json.new`) with the golden they normalize to (`<golden>.json.new`), so that
/// `review` shows what the recapture changes in the records and `accept` promotes page,
/// sidecar and golden together.
public enum Capture {
    public static func run(project: Project, sources: [String], fixtureGlob: String?, fetch options: FetchOptions,
                           maximumBytes: Int = FixtureNormalizer.defaultMaximumBytes) async throws(SnapdriftError) -> [CaptureResult] {
        try AcceptJournal.recover(project: project)
        let available = try project.sources()
        for wanted in sources where !available.contains(wanted) {
            throw SnapdriftError(.usage, "no source named '\(wanted)' in Fixtures/",
                                 notes: Suggestion.closest(to: wanted, in: available).map { ["did you mean '\($0)'?"] } ?? [])
        }
        let fetcher = HTTPFetcher(options: options)
        var work: [(Spec, FixtureFile)] = []
        for source in available where sources.isEmpty || sources.contains(source) {
            let spec = try project.loadSpec(source)
            for fixture in try project.fixtures(of: spec) where fixtureGlob.map({ fnmatch($0, fixture.name, 0) == 0 }) ?? true {
                work.append((spec, fixture))
            }
        }
        return await withTaskGroup(of: CaptureResult.self) { group in
            for (spec, fixture) in work {
                group.addTask { await capture(fixture, spec: spec, fetcher: fetcher, maximumBytes: maximumBytes) }
            }
            var results: [CaptureResult] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.fixture < $1.fixture }
        }
    }

    private static func capture(_ fixture: FixtureFile, spec: Spec, fetcher: HTTPFetcher, maximumBytes: Int) async -> CaptureResult {
        do throws(SnapdriftError) {
            let current = try FixtureNormalizer.load(path: fixture.path, sidecarPath: fixture.sidecarPath, displayPath: fixture.displayPath,
                                                     maximumBytes: maximumBytes)
            guard let url = current.sidecar?.url else {
                return CaptureResult(fixture: fixture, status: .skipped(FileIO.exists(fixture.sidecarPath) ? "its sidecar has no url" : "it has no sidecar with a url"))
            }
            let format = spec.format ?? PageFormat.inferred(from: fixture.name)
            let page = try await fetcher.fetch(url, expecting: format)
            if page.bytes.count > maximumBytes {
                throw SnapdriftError(.fetchFailed, "the live page is \(page.bytes.count) bytes, above the limit of \(maximumBytes)")
            }
            if page.bytes == current.bytes { return CaptureResult(fixture: fixture, status: .unchanged) }
            let capturePath = fixture.path + ".new"
            try FileIO.writeAtomically(page.bytes, to: capturePath)
            try FileIO.writeAtomically(CanonicalJSON.bytes(page.sidecar.json), to: fixture.sidecarPath + ".new")
            let loaded = LoadedFixture(bytes: page.bytes, sha256: Hashing.sha256(page.bytes), sidecar: page.sidecar)
            let result = try await FixtureNormalizer.normalize(loaded, path: capturePath, spec: spec, format: format)
            let pending = GoldenFile(result: result, spec: spec, fixture: fixture.name, fixtureSHA256: loaded.sha256)
            try FileIO.createFolder((fixture.pendingGoldenPath as NSString).deletingLastPathComponent)
            try pending.write(to: fixture.pendingGoldenPath)
            var changes: [DriftChange] = []
            if FileIO.exists(fixture.goldenPath) {
                let golden = try GoldenFile.read(path: fixture.goldenPath, displayPath: fixture.goldenDisplayPath)
                if case .migrated(let upgraded, _) = SchemaMigration.migrate(golden, to: spec) {
                    changes = Comparison(golden: upgraded, current: pending, spec: spec).changes
                } else {
                    changes = Comparison(golden: golden, current: pending, spec: spec).changes
                }
            }
            return CaptureResult(fixture: fixture, status: .captured(changes: changes.count, breaking: changes.filter { $0.severity == .breaking }.count))
        } catch {
            return CaptureResult(fixture: fixture, status: .failed(error.plainText))
        }
    }
}
#if canImport(Glibc)
import Glibc
#endif
