import Foundation

/// `finalize`: derived fields, then defaults, then drops — the record a consumer stores.
struct Finalizer: Sendable {
    let rules: FinalizeRules

    /// The finalized record and the provenance of its derived fields.
    func finalize(_ record: JSONObject, baseURL: URL?) -> (JSONObject, JSONObject) {
        var result = record
        var provenance = JSONObject()
        for field in rules.fields {
            var notes: [String] = []
            let raw: JSONValue
            switch field.kind {
            case .template(let template):
                raw = render(template, with: result, notes: &notes)
            case .from(let name):
                raw = result[name] ?? .null
            }
            result[field.name] = field.pipeline.apply(to: raw, baseURL: baseURL, notes: &notes)
            provenance[field.name] = FieldProvenance(rule: field.ruleDescription, matches: raw == .null ? 0 : 1, notes: notes).json
        }
        for (name, value) in rules.defaults where result[name] == nil || result[name] == .null {
            result[name] = value
        }
        for name in rules.drop { result.removeValue(forKey: name) }
        return (result, provenance)
    }

    /// The template's text; null when a placeholder's field is null or missing.
    private func render(_ template: Template, with record: JSONObject, notes: inout [String]) -> JSONValue {
        var text = ""
        for piece in template.pieces {
            switch piece {
            case .literal(let literal):
                text += literal
            case .field(let name):
                guard let value = record[name], value != .null else {
                    notes.append("'{\(name)}' is null")
                    return .null
                }
                text += ValueCoercion.text(value)
            }
        }
        return .string(text)
    }
}
