/// Where a field's value came from: the rule, how many nodes (or values) it matched, the
/// node paths, and why a value is null when it is.
public struct FieldProvenance: Sendable, Equatable {
    /// `css:h1.title`, `jsonld:Recipe/name`, `template:csj-{refcode}`.
    public var rule: String
    public var matches: Int
    /// Node paths of the matches (the first `FieldProvenance.pathLimit`), for HTML rules.
    public var paths: [String]
    public var notes: [String]

    /// How many node paths a golden keeps per field.
    public static let pathLimit = 20

    public init(rule: String, matches: Int, paths: [String] = [], notes: [String] = []) {
        self.rule = rule
        self.matches = matches
        self.paths = Array(paths.prefix(Self.pathLimit))
        self.notes = notes
    }

    /// The form goldens keep: `{"rule", "matches", "paths"?, "notes"?}`.
    public var json: JSONValue {
        var object: JSONObject = ["rule": .string(rule), "matches": .integer(matches)]
        if !paths.isEmpty { object["paths"] = .array(paths.map { .string($0) }) }
        if !notes.isEmpty { object["notes"] = .array(notes.map { .string($0) }) }
        return .object(object)
    }

    /// Reads the golden form back; nil when `value` is not one.
    public init?(json value: JSONValue) {
        guard let object = value.objectValue, let rule = object["rule"]?.stringValue,
              let matches = object["matches"]?.numberValue?.intValue else { return nil }
        self.rule = rule
        self.matches = matches
        self.paths = object["paths"]?.arrayValue?.compactMap(\.stringValue) ?? []
        self.notes = object["notes"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
