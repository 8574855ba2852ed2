/// `snapdrift diff A.json B.json`: the structural diff of any two JSON documents.
public enum JSONFileDiff {
    public enum Format: String, Sendable, CaseIterable {
        case text, json
        case jsonPatch = "json-patch"
    }

    /// The differences, as changes without stage or severity.
    public static func changes(_ before: JSONValue, _ after: JSONValue) -> [DriftChange] {
        StructuralDiff(policy: ComparePolicy(), recordKey: nil, stage: .normalized).changes(before, after).sorted()
    }

    /// The diff in `format`; empty text when the documents are equal (`[]` in JSON forms).
    public static func render(_ before: JSONValue, _ after: JSONValue, format: Format) -> String {
        switch format {
        case .text:
            let lines = changes(before, after).map(\.summary)
            return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        case .json:
            return CanonicalJSON.string(.array(changes(before, after).map { change in
                var object: JSONObject = ["path": .string(change.path.description), "kind": .string(change.kind.rawValue)]
                if let value = change.before { object["before"] = value }
                if let value = change.after { object["after"] = value }
                return .object(object)
            }))
        case .jsonPatch:
            return CanonicalJSON.string(.array(JSONPatch.diff(before, after)))
        }
    }
}
