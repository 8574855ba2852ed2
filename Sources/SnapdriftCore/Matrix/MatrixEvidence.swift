import Foundation
import Yams

/// One report read as evidence for the matrix.
public struct MatrixEvidence: Sendable {
    public var report: RunReport
    /// Where it was read from, as given.
    public var file: String
    /// The schema version the file declared (1, or an older one read through an equivalence).
    public var declaredSchemaVersion: Int
}

/// How to read reports of another `report_schema_version` as version 1 (`--equivalence F`):
///
/// ```yaml
/// equivalences:
///   - from: 0
///     outcomes: { ok: match, changed: drift, failed: error }
///     fields: { id: run_id, ended_at: finished_at }
/// ```
public struct ReportEquivalence: Sendable {
    public var from: Int
    /// Old outcome name → version-1 outcome.
    public var outcomes: [String: FixtureOutcome]
    /// Old top-level member name → version-1 name.
    public var fields: [String: String]

    /// Reads an equivalence file; every key is checked, errors in compiler form.
    public static func load(path: String) throws(SnapdriftError) -> [ReportEquivalence] {
        let text = String(decoding: try FileIO.read(path), as: UTF8.self)
        let root = try YAMLText.compose(text, file: path, code: .invalidReport)
        func fail(_ message: String, _ node: Node?) -> SnapdriftError {
            SnapdriftError(.invalidReport, message, at: SourceLocation(file: path, line: node?.mark?.line, column: node?.mark?.column))
        }
        guard let list = root?.mapping?["equivalences"]?.sequence else { throw fail("an equivalence file holds a list `equivalences`", root) }
        var result: [ReportEquivalence] = []
        for entry in list {
            guard let mapping = entry.mapping else { throw fail("each equivalence is a mapping", entry) }
            for (key, _) in mapping where !["from", "outcomes", "fields"].contains(key.scalar?.string ?? "") {
                throw fail("unknown key '\(key.scalar?.string ?? "")' in an equivalence", key)
            }
            guard let from = mapping["from"]?.int else { throw fail("'from' must be the report_schema_version it reads", entry) }
            var outcomes: [String: FixtureOutcome] = [:]
            for (key, value) in mapping["outcomes"]?.mapping ?? [:] {
                guard let name = key.scalar?.string, let outcome = value.scalar.flatMap({ FixtureOutcome(rawValue: $0.string) }) else {
                    throw fail("outcomes map old names to one of \(FixtureOutcome.allCases.map(\.rawValue).joined(separator: ", "))", value)
                }
                outcomes[name] = outcome
            }
            var fields: [String: String] = [:]
            for (key, value) in mapping["fields"]?.mapping ?? [:] {
                guard let old = key.scalar?.string, let new = value.scalar?.string else { throw fail("fields map old names to new ones", key) }
                fields[old] = new
            }
            result.append(ReportEquivalence(from: from, outcomes: outcomes, fields: fields))
        }
        return result
    }

    /// The report rewritten as version 1.
    func apply(to value: JSONValue) -> JSONValue {
        guard var object = value.objectValue else { return value }
        for (old, new) in fields {
            if let member = object.removeValue(forKey: old) { object[new] = member }
        }
        if let fixtures = object["fixtures"]?.arrayValue {
            object["fixtures"] = .array(fixtures.map { entry in
                guard var fixture = entry.objectValue, let name = fixture["outcome"]?.stringValue, let mapped = outcomes[name] else { return entry }
                fixture["outcome"] = .string(mapped.rawValue)
                return .object(fixture)
            })
        }
        object["report_schema_version"] = .integer(RunReport.schemaVersion)
        return .object(object)
    }
}

/// Finds and reads the reports a matrix side names.
public enum MatrixEvidenceLoader {
    /// Each argument is a `report.json` path, a run id under `<root>/reports/runs/`, `latest`,
    /// or a glob of report files.
    public static func load(_ arguments: [String], root: String, equivalences: [ReportEquivalence]) throws(SnapdriftError) -> [MatrixEvidence] {
        var files: [String] = []
        for argument in arguments {
            let resolved = try resolve(argument, root: root)
            if resolved.isEmpty { throw SnapdriftError(.usage, "'\(argument)' names no report (a report.json, a run id, `latest`, or a glob)") }
            files += resolved
        }
        var seen = Set<String>()
        var evidence: [MatrixEvidence] = []
        for file in files where seen.insert(file).inserted {
            evidence.append(try read(file, equivalences: equivalences))
        }
        return evidence
    }

    static func resolve(_ argument: String, root: String) throws(SnapdriftError) -> [String] {
        let runs = root + "/reports/runs"
        if argument == "latest" { return [root + "/reports/latest.json"] }
        if FileIO.isFolder(argument) && FileIO.exists(argument + "/report.json") { return [argument + "/report.json"] }
        if FileIO.exists(argument) { return [argument] }
        if FileIO.exists(runs + "/" + argument + "/report.json") { return [runs + "/" + argument + "/report.json"] }
        if argument.contains("*") || argument.contains("?") || argument.contains("[") {
            var pattern = glob_t()
            defer { globfree(&pattern) }
            guard glob(argument, 0, nil, &pattern) == 0 else { return [] }
            var matches: [String] = []
            for index in 0..<Int(pattern.gl_pathc) {
                if let path = pattern.gl_pathv[index] {
                    let text = String(cString: path)
                    matches.append(FileIO.isFolder(text) ? text + "/report.json" : text)
                }
            }
            return matches.sorted()
        }
        throw SnapdriftError(.usage, "no report at '\(argument)' (nor \(runs)/\(argument)/report.json)")
    }

    static func read(_ file: String, equivalences: [ReportEquivalence]) throws(SnapdriftError) -> MatrixEvidence {
        var value: JSONValue
        do {
            value = try JSONReader.read(FileIO.read(file)).value
        } catch {
            throw error.code == .invalidJSON ? error.inFile(file) : error
        }
        guard let version = value["report_schema_version"]?.numberValue?.intValue else {
            throw SnapdriftError(.invalidReport, "not a snapdrift report: no report_schema_version", at: SourceLocation(file: file))
        }
        if version != RunReport.schemaVersion {
            guard let equivalence = equivalences.first(where: { $0.from == version }) else {
                throw SnapdriftError(.invalidReport, "report_schema_version is \(version), but the matrix pins its evidence at version \(RunReport.schemaVersion)",
                                     at: SourceLocation(file: file),
                                     notes: ["declare how to read version \(version) in an --equivalence file, or rerun the baseline"])
            }
            value = equivalence.apply(to: value)
        }
        return MatrixEvidence(report: try RunReport(json: value, file: file), file: file, declaredSchemaVersion: version)
    }
}
#if canImport(Glibc)
import Glibc
#endif
