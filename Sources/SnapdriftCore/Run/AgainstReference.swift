import Foundation

/// `check --against REF`: the real A/B. For each drifted fixture, the fixture is also
/// normalized with the spec and the page as they are at git ref REF, crosswise, and each
/// changed field is labelled by what moved it:
///
/// - `upstream`: the page at REF with the spec at REF gives the old value; the current page
///   with the spec at REF gives the new one.
/// - `spec`: the current spec alone changes it.
/// - `both`: each does, or only the two together do.
/// - `pre-existing`: the output at REF already differed from the golden.
struct AgainstReference: Sendable {
    let reference: String
    let project: Project
    let options: CheckOptions

    func verify() async throws(SnapdriftError) {
        try await Git.verify(reference: reference, in: project.root)
    }

    func label(_ results: [FixtureCheckResult], specs: [Spec]) async -> [FixtureCheckResult] {
        var labelled: [FixtureCheckResult] = []
        for result in results {
            guard result.report.outcome == .drift, let spec = specs.first(where: { $0.source == result.report.source }) else {
                labelled.append(result)
                continue
            }
            var updated = result
            do {
                updated.report = try await label(result.report, spec: spec)
            } catch {
                updated.report.notes.append("--against \(reference): \(error.plainText)")
            }
            labelled.append(updated)
        }
        return labelled
    }

    private func label(_ report: FixtureReport, spec: Spec) async throws(SnapdriftError) -> FixtureReport {
        let fixture = FixtureFile(project: project, source: report.source, name: report.fixture)
        let folder = (fixture.path as NSString).deletingLastPathComponent
        guard let oldSpecText = try await Git.show(reference: reference, file: "spec.yml", in: folder) else {
            throw SnapdriftError(.git, "Fixtures/\(report.source)/spec.yml does not exist at \(reference)")
        }
        guard let oldPage = try await Git.show(reference: reference, file: report.fixture, in: folder) else {
            throw SnapdriftError(.git, "\(fixture.displayPath) does not exist at \(reference)")
        }
        let oldSidecar = try await Git.show(reference: reference, file: report.fixture + ".meta.json", in: folder)
        let oldSpec: Spec
        do {
            oldSpec = try SpecLoader.load(yaml: String(decoding: oldSpecText, as: UTF8.self),
                                          file: "\(reference):Fixtures/\(report.source)/spec.yml", source: report.source, folder: folder)
        } catch {
            throw SnapdriftError(.git, "the spec at \(reference) does not load: \(error.plainText)")
        }
        let current = try FixtureNormalizer.load(path: fixture.path, sidecarPath: fixture.sidecarPath, displayPath: fixture.displayPath,
                                                 maximumBytes: options.maximumPageBytes)
        let old = LoadedFixture(bytes: oldPage, sha256: Hashing.sha256(oldPage),
                                sidecar: try oldSidecar.map { bytes throws(SnapdriftError) in try FixtureSidecar(json: bytes) })
        // The old page goes through a temporary file: external normalizers read a path.
        let temporary = NSTemporaryDirectory() + "/snapdrift-against-\(UUID().uuidString)-" + report.fixture
        try FileIO.writeAtomically(oldPage, to: temporary)
        defer { _ = unlink(temporary) }
        let both = try await FixtureNormalizer.normalize(old, path: temporary, spec: oldSpec)
        let pageOnly = try await FixtureNormalizer.normalize(current, path: fixture.path, spec: oldSpec)
        let specOnly = try await FixtureNormalizer.normalize(old, path: temporary, spec: spec)
        var labelled = report
        labelled.changes = report.changes.map { change in
            var change = change
            let atReference = value(of: change, in: both, spec: spec)
            let upstream = value(of: change, in: pageOnly, spec: spec) != atReference
            let specEffect = value(of: change, in: specOnly, spec: spec) != atReference
            switch (upstream, specEffect) {
            case (true, true): change.cause = "both"
            case (true, false): change.cause = "upstream"
            case (false, true): change.cause = "spec"
            case (false, false): change.cause = change.after != atReference ? "both" : "pre-existing"
            }
            return change
        }
        labelled.notes.append("--against \(reference): causes from the spec and page at \(reference)")
        return labelled
    }

    /// The value a change's path designates in one output; listing records are found by key.
    private func value(of change: DriftChange, in result: NormalizationResult, spec: Spec) -> JSONValue? {
        let output = Redaction.apply(spec.compare.redact, to: change.stage == .normalized ? result.normalized : result.finalized)
        let tokens = change.path.tokens
        if let record = change.record, let key = spec.records?.key, tokens.count >= 2, tokens[0] == "records",
           let records = output["records"]?.arrayValue {
            guard let match = records.first(where: { ($0[key].map { $0.stringValue ?? CanonicalJSON.compact($0) }) == record.split(separator: "#").first.map(String.init) }) else {
                return nil
            }
            return JSONPointer(tokens: Array(tokens.dropFirst(2))).resolve(in: match)
        }
        return change.path.resolve(in: output)
    }
}
#if canImport(Glibc)
import Glibc
#endif
