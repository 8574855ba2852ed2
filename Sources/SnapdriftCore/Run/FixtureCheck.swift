import Foundation

/// What checking one fixture produced: its report entry, and a write that failed (a
/// read-only `Golden/` fails the whole run, not one fixture). Nothing page-sized is kept:
/// a run's memory is bounded by the pages in flight, not by the corpus.
struct FixtureCheckResult: Sendable {
    var report: FixtureReport
    var writeFailure: SnapdriftError?
    /// Why the fixture was not checked (with `--live`: no URL).
    var skipped: String?
}

/// The pipeline for one fixture: read, normalize, compare with the golden, write the pending
/// golden.
struct FixtureCheck: Sendable {
    let project: Project
    let spec: Spec
    let fixture: FixtureFile
    let options: CheckOptions
    /// With `--live`: the fetcher shared by the run (its per-host limits hold across fixtures).
    var fetcher: HTTPFetcher?

    func run() async -> FixtureCheckResult {
        let schema = SchemaInfo(golden: nil, spec: spec.schemaVersion, migrated: false)
        var liveCopy: String?
        defer { if let liveCopy { removeLiveCopy(liveCopy) } }
        do throws(SnapdriftError) {
            try project.requireInside(fixture.path)
            try project.requireInside(fixture.sidecarPath)
            try project.requireInside(fixture.goldenPath)
            try project.requireInside(fixture.pendingGoldenPath)
            var loaded = try FixtureNormalizer.load(path: fixture.path, sidecarPath: fixture.sidecarPath,
                                                    displayPath: fixture.displayPath, maximumBytes: options.maximumPageBytes)
            var pagePath = fixture.path
            if let fetcher {
                // --live: the page as it is upstream now, in place of the capture.
                guard let url = loaded.sidecar?.url else {
                    return FixtureCheckResult(report: report(.error, schema: schema), writeFailure: nil,
                                              skipped: FileIO.exists(fixture.sidecarPath) ? "its sidecar has no url" : "it has no sidecar with a url")
                }
                let fetched = try await fetcher.fetch(url, expecting: spec.format ?? PageFormat.inferred(from: fixture.name))
                if fetched.bytes.count > options.maximumPageBytes {
                    throw SnapdriftError(.fetchFailed, "the live page is \(fetched.bytes.count) bytes, above the limit of \(options.maximumPageBytes)")
                }
                loaded = LoadedFixture(bytes: fetched.bytes, sha256: Hashing.sha256(fetched.bytes), sidecar: fetched.sidecar)
                let folder = NSTemporaryDirectory() + "/snapdrift-live-" + UUID().uuidString
                try FileIO.createFolder(folder)
                pagePath = folder + "/" + fixture.name
                liveCopy = folder
                try FileIO.writeAtomically(fetched.bytes, to: pagePath)
            }
            var golden: GoldenFile?
            if FileIO.exists(fixture.goldenPath) {
                golden = try GoldenFile.read(path: fixture.goldenPath, displayPath: fixture.goldenDisplayPath)
            }
            if let golden, !options.full, !options.live, golden.fixtureSHA256 == loaded.sha256, golden.specSHA256 == spec.sha256,
               golden.engine == Engine.name, golden.schemaVersion == spec.schemaVersion {
                // The golden's hashes prove the output: nothing to parse.
                let failure = clearPending()
                return FixtureCheckResult(report: report(.match, schema: SchemaInfo(golden: golden.schemaVersion, spec: spec.schemaVersion, migrated: false), reused: true),
                                          writeFailure: failure)
            }
            let result = try await FixtureNormalizer.normalize(loaded, path: pagePath, spec: spec)
            let current = GoldenFile(result: result, spec: spec, fixture: fixture.name, fixtureSHA256: loaded.sha256)
            var notes = result.warnings
            guard let golden else {
                let failure = writePending(current)
                return FixtureCheckResult(report: report(.new, schema: schema, notes: notes), writeFailure: failure)
            }
            var compared = golden
            var migrated = false
            switch SchemaMigration.migrate(golden, to: spec) {
            case .current:
                break
            case .migrated(let upgraded, let steps):
                compared = upgraded
                migrated = true
                notes.append("golden read through migration\(steps.count == 1 ? "" : "s") from version \(steps.map(String.init).joined(separator: ", ")) to \(spec.schemaVersion)")
            case .incomparable(let reason):
                let failure = writePending(current)
                return FixtureCheckResult(report: report(.incomparable, schema: SchemaInfo(golden: golden.schemaVersion, spec: spec.schemaVersion, migrated: false),
                                                         error: reason, notes: notes), writeFailure: failure)
            }
            compared.normalized = Redaction.apply(spec.compare.redact, to: compared.normalized)
            compared.finalized = Redaction.apply(spec.compare.redact, to: compared.finalized)
            let comparison = Comparison(golden: compared, current: current, spec: spec)
            notes += comparison.health
            let schemaInfo = SchemaInfo(golden: golden.schemaVersion, spec: spec.schemaVersion, migrated: migrated)
            if comparison.changes.isEmpty {
                var failure: SnapdriftError?
                if current != golden {
                    if options.refresh {
                        failure = writePending(current)
                        notes.append("a refreshed golden is pending: values unchanged, hashes, provenance or schema version updated")
                    } else {
                        failure = clearPending()
                        notes.append("the golden is out of date in its hashes, provenance or schema version (values unchanged); `snapdrift check --refresh` writes a refreshed pending golden")
                    }
                } else {
                    failure = clearPending()
                }
                return FixtureCheckResult(report: report(.match, schema: schemaInfo, notes: notes), writeFailure: failure)
            }
            if spec.normalizer == nil, comparison.changes.contains(where: { $0.note?.hasSuffix(", now 0") == true }) {
                // A rule lost its match: look for where the value went, as `explain` does.
                for explanation in try Explainer.explain(loaded, path: pagePath, spec: spec, golden: golden) {
                    guard explanation.lost, let suggestion = explanation.suggestion else { continue }
                    let record = explanation.record.map { " [\($0)]" } ?? ""
                    notes.append("suggested for \(explanation.field)\(record): \(suggestion.selector) (verified: gives \(DriftChange.short(suggestion.value)))")
                }
            }
            let attribution = Attribution.fromHashes(golden: golden, fixtureSHA256: loaded.sha256, spec: spec, live: options.live)
            let diff = LineDiff.unified(old: Self.outputsText(compared), new: Self.outputsText(current))
            let failure = writePending(current)
            return FixtureCheckResult(report: report(.drift, attribution: attribution, schema: schemaInfo, changes: comparison.changes, notes: notes, diff: diff),
                                      writeFailure: failure)
        } catch {
            // A position inside the page (JSON pages) is a position in the fixture file.
            let located = error.location != nil && error.location?.file == nil ? error.inFile(fixture.displayPath) : error
            return FixtureCheckResult(report: report(.error, schema: schema, error: located.plainText), writeFailure: nil)
        }
    }

    /// The part of a golden the line diff shows: both outputs.
    static func outputsText(_ golden: GoldenFile) -> String {
        CanonicalJSON.string(["normalized": golden.normalized, "finalized": golden.finalized])
    }

    private func report(_ outcome: FixtureOutcome, attribution: String? = nil, schema: SchemaInfo, changes: [DriftChange] = [],
                        error: String? = nil, notes: [String] = [], diff: String? = nil, reused: Bool = false) -> FixtureReport {
        FixtureReport(source: fixture.source, fixture: fixture.name, outcome: outcome, attribution: attribution, schema: schema,
                      changes: changes, error: error, notes: notes, diff: diff, reused: reused)
    }

    private func removeLiveCopy(_ folder: String) {
        do {
            try FileManager.default.removeItem(atPath: folder)
        } catch {
            FileHandle.standardError.write(Data("snapdrift: cannot remove the temporary copy \(folder): \(error.localizedDescription)\n".utf8))
        }
    }

    /// Writes `<golden>.json.new` (never on CI, never from a live page: a golden pins the
    /// captured fixture; `capture` takes a live page in).
    private func writePending(_ golden: GoldenFile) -> SnapdriftError? {
        guard !options.ci, !options.live else { return nil }
        do {
            try FileIO.createFolder((fixture.pendingGoldenPath as NSString).deletingLastPathComponent)
            try golden.write(to: fixture.pendingGoldenPath)
            return nil
        } catch {
            return error
        }
    }

    /// A matching fixture leaves no pending golden behind (it would undo the match if accepted).
    private func clearPending() -> SnapdriftError? {
        guard !options.ci, !options.live, FileIO.exists(fixture.pendingGoldenPath) else { return nil }
        do {
            try FileIO.remove(fixture.pendingGoldenPath)
            return nil
        } catch {
            return error
        }
    }
}

/// Why a fixture's output differs from its golden, from the hashes the golden recorded.
public enum Attribution {
    /// `upstream` (fixture bytes changed), `spec`, `engine`, joined with `+` when several
    /// changed; `unexplained` when none did — a determinism bug, always reported.
    public static func fromHashes(golden: GoldenFile, fixtureSHA256: String, spec: Spec, live: Bool = false) -> String {
        var causes: [String] = []
        if golden.fixtureSHA256 != fixtureSHA256 { causes.append(live ? "upstream-live" : "upstream") }
        if golden.specSHA256 != spec.sha256 { causes.append("spec") }
        if golden.engine != Engine.name { causes.append("engine") }
        return causes.isEmpty ? "unexplained" : causes.joined(separator: "+")
    }
}

extension SnapdriftError {
    /// The error on one line without the `error:` prefix: `file:line:col: message (note)`.
    public var plainText: String {
        var text = ""
        if let location, !location.description.isEmpty { text += location.description + ": " }
        text += message
        if !notes.isEmpty { text += " (" + notes.joined(separator: "; ") + ")" }
        for other in additional { text += "; " + other.plainText }
        return text
    }
}
