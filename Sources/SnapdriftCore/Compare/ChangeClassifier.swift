/// Severity (DESIGN §5): `breaking` for a required field removed, emptied or retyped, a rule
/// that matched before and matches nothing now, or zero records where there were some;
/// `info` for added fields; `drift` for everything else; then the spec's overrides.
struct ChangeClassifier {
    let required: Set<String>
    let policy: ComparePolicy
    let isListing: Bool
    /// The golden's and the current provenance.
    let provenance: (before: JSONValue, after: JSONValue)
    /// The current output of the stage being classified (to tell list items from fields).
    var after: JSONValue = .null
    /// Listing records by key: their index in the golden and in the current output.
    var recordIndices: [String: (before: Int?, after: Int?)] = [:]

    func classify(_ change: DriftChange) -> DriftChange {
        var result = change
        let field = fieldName(of: change.path)
        var severity: Severity
        switch change.kind {
        case .added:
            // A new field is news; a new item in a list is a change of the list's value.
            if let parent = change.path.parent, case .array? = parent.resolve(in: after) {
                severity = .drift
            } else {
                severity = .info
            }
        case .countChanged:
            severity = change.after == .integer(0) ? .breaking : .drift
        case .recordAdded, .recordRemoved:
            severity = .drift
        case .removed, .emptied, .typeChanged:
            severity = field.map { required.contains($0) && isFieldLevel(change.path) } == true ? .breaking : .drift
        case .changed:
            severity = .drift
        }
        if let field, let health = selectorHealth(field: field, change: change) {
            result.note = health.note
            if health.lost, change.kind != .added { severity = .breaking }
        }
        if let override = policy.severityOverride(at: change.path) { severity = override }
        result.severity = severity
        return result
    }

    /// The field a path is in: `/title/0` → title; `/records/3/title` → title.
    private func fieldName(of path: JSONPointer) -> String? {
        if isListing {
            guard path.tokens.count >= 3, path.tokens[0] == "records" else { return nil }
            return path.tokens[2]
        }
        return path.tokens.first
    }

    /// Whether the path is the field itself (not something inside it).
    private func isFieldLevel(_ path: JSONPointer) -> Bool {
        path.tokens.count == (isListing ? 3 : 1)
    }

    /// What the provenance says about a field whose value changed.
    func selectorHealth(field: String, change: DriftChange) -> (note: String, lost: Bool)? {
        let (beforePrefix, afterPrefix) = recordPrefixes(change)
        guard let beforePrefix, let afterPrefix,
              let before = JSONPointer(tokens: beforePrefix + [field]).resolve(in: provenance.before).flatMap(FieldProvenance.init(json:)),
              let after = JSONPointer(tokens: afterPrefix + [field]).resolve(in: provenance.after).flatMap(FieldProvenance.init(json:)) else { return nil }
        return Self.health(before: before, after: after)
    }

    /// Where the change's record sits in the golden's and the current provenance: found by
    /// its key on keyed listings (positions differ when records come and go).
    private func recordPrefixes(_ change: DriftChange) -> ([String]?, [String]?) {
        guard isListing else { return ([], []) }
        guard change.path.tokens.count >= 2 else { return (nil, nil) }
        if let record = change.record, let indices = recordIndices[record] {
            return (indices.before.map { ["records", String($0)] }, indices.after.map { ["records", String($0)] })
        }
        let prefix = ["records", change.path.tokens[1]]
        return (prefix, prefix)
    }

    /// "css:h1.title matched 1 node, now 0", or "now matches a different node (…)".
    static func health(before: FieldProvenance, after: FieldProvenance) -> (note: String, lost: Bool)? {
        // Selectors match nodes; JSON Pointers, JSON-LD paths and templates match values.
        let unit = ["css:", "xpath:", "pairs:"].contains { before.rule.hasPrefix($0) } ? "node" : "value"
        let nodes = { (count: Int) in count == 1 ? "1 \(unit)" : "\(count) \(unit)s" }
        if before.rule != after.rule {
            return ("the rule changed from \(before.rule) to \(after.rule)", false)
        }
        if before.matches > 0, after.matches == 0 {
            return ("\(before.rule) matched \(nodes(before.matches)), now 0", true)
        }
        if before.matches != after.matches {
            return ("\(before.rule) matched \(nodes(before.matches)), now \(after.matches)", false)
        }
        if let old = before.paths.first, let new = after.paths.first, Self.normalizedPath(old) != Self.normalizedPath(new) {
            return ("\(before.rule) now matches a different node (\(new) instead of \(old))", false)
        }
        return nil
    }

    /// `x[1]` and `x` name the same node: libxml2 writes the index only when a sibling
    /// shares the name, so a sibling coming or going changes the text, not the node.
    static func normalizedPath(_ path: String) -> String {
        path.replacingOccurrences(of: "[1]", with: "")
    }
}
