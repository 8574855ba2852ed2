import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fixture read from disk: bytes, hash, sidecar.
public struct LoadedFixture: Sendable {
    public var bytes: [UInt8]
    public var sha256: String
    public var sidecar: FixtureSidecar?
}

/// Reads fixtures and normalizes them with a spec: the normalize stage of the pipeline, for
/// one page.
public enum FixtureNormalizer {
    /// The largest page read by default (64 MiB); `--max-page-bytes` changes it.
    public static let defaultMaximumBytes = 64 * 1024 * 1024

    /// Reads the fixture at `path` and its sidecar, refusing a page above `maximumBytes`.
    public static func load(path: String, sidecarPath: String? = nil, displayPath: String, maximumBytes: Int = defaultMaximumBytes) throws(SnapdriftError) -> LoadedFixture {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw SnapdriftError(.io, "cannot read \(displayPath): \(errno == ENOENT ? "no such file" : String(cString: strerror(errno)))")
        }
        let size = Int(status.st_size)
        if size > maximumBytes {
            throw SnapdriftError(.invalidFixture, "\(displayPath) is \(size) bytes, above the limit of \(maximumBytes) bytes",
                                 notes: ["raise the limit with --max-page-bytes if the page is meant to be this large"])
        }
        let bytes = try FileIO.read(path)
        let sidecarFile = sidecarPath ?? path + ".meta.json"
        var sidecar: FixtureSidecar?
        if FileIO.exists(sidecarFile) {
            do {
                sidecar = try FixtureSidecar(json: FileIO.read(sidecarFile))
            } catch {
                throw error.inFile(displayPath + ".meta.json")
            }
        }
        return LoadedFixture(bytes: bytes, sha256: Hashing.sha256(bytes), sidecar: sidecar)
    }

    /// Normalizes and finalizes a loaded fixture: with the spec's field rules, or by running
    /// its external normalizer.
    /// `format` overrides what the spec and the path say (a pending capture `a.json.new`
    /// is still JSON).
    public static func normalize(_ fixture: LoadedFixture, path: String, spec: Spec, format: PageFormat? = nil) async throws(SnapdriftError) -> NormalizationResult {
        if let config = spec.normalizer {
            return try await ExternalNormalizer(config: config).normalize(fixturePath: path)
        }
        let format = format ?? spec.format ?? PageFormat.inferred(from: path)
        let page = try Page(bytes: fixture.bytes, format: format, sidecar: fixture.sidecar)
        return try FieldNormalizer(spec: spec).normalize(page)
    }
}
