/// A pinned expectation (`Golden/<source>/<fixture>.json`, DESIGN §4): canonical JSON with
/// the outputs, their provenance, and the hashes that explain a later difference.
public struct GoldenFile: Sendable, Equatable {
    /// The value of the `format` member.
    public static let formatName = "snapdrift-golden/1"

    public var engine: String
    public var source: String
    /// The fixture's file name.
    public var fixture: String
    public var fixtureSHA256: String
    public var specSHA256: String
    public var schemaVersion: Int
    public var normalized: JSONValue
    public var finalized: JSONValue
    public var provenance: JSONValue

    public init(engine: String = Engine.name, source: String, fixture: String, fixtureSHA256: String, specSHA256: String,
                schemaVersion: Int, normalized: JSONValue, finalized: JSONValue, provenance: JSONValue) {
        self.engine = engine
        self.source = source
        self.fixture = fixture
        self.fixtureSHA256 = fixtureSHA256
        self.specSHA256 = specSHA256
        self.schemaVersion = schemaVersion
        self.normalized = normalized
        self.finalized = finalized
        self.provenance = provenance
    }

    /// The golden a normalization result pins, with the spec's redactions applied.
    public init(result: NormalizationResult, spec: Spec, fixture: String, fixtureSHA256: String) {
        self.init(source: spec.source, fixture: fixture, fixtureSHA256: fixtureSHA256, specSHA256: spec.sha256,
                  schemaVersion: spec.schemaVersion,
                  normalized: Redaction.apply(spec.compare.redact, to: result.normalized),
                  finalized: Redaction.apply(spec.compare.redact, to: result.finalized),
                  provenance: result.provenance)
    }

    /// The golden as JSON.
    public var json: JSONValue {
        [
            "engine": .string(engine),
            "finalized": finalized,
            "fixture": .string(fixture),
            "fixture_sha256": .string(fixtureSHA256),
            "format": .string(Self.formatName),
            "normalized": normalized,
            "provenance": provenance,
            "schema_version": .integer(schemaVersion),
            "source": .string(source),
            "spec_sha256": .string(specSHA256),
        ]
    }

    /// Canonical bytes: byte-identical for equal goldens.
    public var bytes: [UInt8] { CanonicalJSON.bytes(json) }

    /// Reads a golden strictly; anything that is not a snapdrift golden is an error.
    public init(bytes: [UInt8], file: String) throws(SnapdriftError) {
        let value: JSONValue
        do {
            value = try JSONReader.read(bytes).value
        } catch {
            throw error.inFile(file)
        }
        func fail(_ message: String) -> SnapdriftError {
            SnapdriftError(.invalidGolden, message, at: SourceLocation(file: file))
        }
        guard let object = value.objectValue else { throw fail("a golden is a JSON object") }
        guard object["format"] == .string(Self.formatName) else {
            throw fail("not a snapdrift golden (format is \(object["format"].map(CanonicalJSON.compact) ?? "missing"), expected \"\(Self.formatName)\")")
        }
        func string(_ key: String) throws(SnapdriftError) -> String {
            guard let text = object[key]?.stringValue else { throw fail("'\(key)' must be a string") }
            return text
        }
        func member(_ key: String) throws(SnapdriftError) -> JSONValue {
            guard let member = object[key] else { throw fail("'\(key)' is missing") }
            return member
        }
        guard let version = object["schema_version"]?.numberValue?.intValue else { throw fail("'schema_version' must be an integer") }
        self.init(engine: try string("engine"), source: try string("source"), fixture: try string("fixture"),
                  fixtureSHA256: try string("fixture_sha256"), specSHA256: try string("spec_sha256"), schemaVersion: version,
                  normalized: try member("normalized"), finalized: try member("finalized"), provenance: object["provenance"] ?? .object([:]))
    }

    /// Reads the golden at `path`.
    public static func read(path: String, displayPath: String) throws(SnapdriftError) -> GoldenFile {
        try GoldenFile(bytes: FileIO.read(path), file: displayPath)
    }

    /// Writes the golden atomically.
    public func write(to path: String) throws(SnapdriftError) {
        try FileIO.writeAtomically(bytes, to: path)
    }
}

/// `compare.redact`: values kept out of goldens and reports.
public enum Redaction {
    /// The placeholder written instead of a redacted value.
    public static let placeholder: JSONValue = "[redacted]"

    /// `value` with every non-empty value at a redacted path replaced by `"[redacted]"`;
    /// null, `""` and `[]` stay, so a redacted field that empties is still seen.
    public static func apply(_ patterns: [JSONPointerPattern], to value: JSONValue) -> JSONValue {
        guard !patterns.isEmpty else { return value }
        return redact(value, at: .root, patterns)
    }

    private static func redact(_ value: JSONValue, at path: JSONPointer, _ patterns: [JSONPointerPattern]) -> JSONValue {
        if !path.tokens.isEmpty, patterns.contains(where: { $0.matches(path) }) {
            return value.isEmptyValue ? value : placeholder
        }
        switch value {
        case .object(let object):
            var result = JSONObject()
            for (key, member) in object { result[key] = redact(member, at: path.appending(key), patterns) }
            return .object(result)
        case .array(let items):
            return .array(items.enumerated().map { redact($1, at: path.appending(index: $0), patterns) })
        default:
            return value
        }
    }
}
