import Yams

/// `--exclusions F`: fixtures left out of the comparison, each with the reason, declared
/// before the comparison rather than argued after it.
///
/// ```yaml
/// exclusions:
///   - { source: csj-results, fixture: "result_page2*", reason: "upstream retired this search" }
/// ```
public struct MatrixExclusion: Sendable, Equatable {
    public var source: String
    /// A glob on the fixture's file name.
    public var fixture: String
    public var reason: String
    /// Where it was declared, for the "matches nothing" warning.
    public var location: SourceLocation

    public init(source: String, fixture: String, reason: String, location: SourceLocation) {
        self.source = source
        self.fixture = fixture
        self.reason = reason
        self.location = location
    }

    public func matches(source: String, fixture: String) -> Bool {
        fnmatch(self.source, source, 0) == 0 && fnmatch(self.fixture, fixture, 0) == 0
    }

    public static func load(path: String) throws(SnapdriftError) -> [MatrixExclusion] {
        let text = String(decoding: try FileIO.read(path), as: UTF8.self)
        let root = try YAMLText.compose(text, file: path, code: .invalidReport)
        func location(_ node: Node?) -> SourceLocation {
            SourceLocation(file: path, line: node?.mark?.line, column: node?.mark?.column)
        }
        guard let list = root?.mapping?["exclusions"]?.sequence else {
            throw SnapdriftError(.invalidReport, "an exclusions file holds a list `exclusions` of {source, fixture, reason}", at: location(root))
        }
        var result: [MatrixExclusion] = []
        for entry in list {
            guard let mapping = entry.mapping else {
                throw SnapdriftError(.invalidReport, "each exclusion is a mapping {source, fixture, reason}", at: location(entry))
            }
            for (key, _) in mapping where !["source", "fixture", "reason"].contains(key.scalar?.string ?? "") {
                let name = key.scalar?.string ?? ""
                throw SnapdriftError(.invalidReport, "unknown key '\(name)' in an exclusion", at: location(key),
                                     notes: Suggestion.closest(to: name, in: ["source", "fixture", "reason"]).map { ["did you mean '\($0)'?"] } ?? [])
            }
            guard let source = mapping["source"]?.scalar?.string, let fixture = mapping["fixture"]?.scalar?.string else {
                throw SnapdriftError(.invalidReport, "an exclusion needs 'source' and 'fixture'", at: location(entry))
            }
            guard let reason = mapping["reason"]?.scalar?.string, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw SnapdriftError(.invalidReport, "an exclusion needs a 'reason': exclusions are declared, not argued after", at: location(entry))
            }
            result.append(MatrixExclusion(source: source, fixture: fixture, reason: reason, location: location(entry)))
        }
        return result
    }
}
import Foundation
#if canImport(Glibc)
import Glibc
#endif
