import Foundation
import SnapdriftCore

/// The part of JSON Schema (draft 2020-12) that `docs/report.schema.json` uses: `type`,
/// `enum`, `const`, `properties`, `required`, `additionalProperties`, `items`, `anyOf`,
/// `minimum`, `pattern`, and local `$ref`s. Unknown keywords are refused, so the schema
/// cannot silently use one this validator ignores.
public struct JSONSchemaValidator {
    public let schema: JSONValue
    static let keywords: Set<String> = ["$schema", "$id", "$defs", "$ref", "title", "description", "type", "enum", "const",
                                        "properties", "required", "additionalProperties", "items", "anyOf", "minimum", "pattern"]

    public init(schema: JSONValue) {
        self.schema = schema
    }

    /// Every violation, as `path: problem`; empty when `value` is valid.
    public func validate(_ value: JSONValue) -> [String] {
        var errors: [String] = []
        check(value, against: schema, at: "", errors: &errors)
        return errors
    }

    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        do {
            return try JSONPointer(String(reference.dropFirst())).resolve(in: schema)
        } catch {
            // The caller reports the reference as unresolved.
            return nil
        }
    }

    private func check(_ value: JSONValue, against schema: JSONValue, at path: String, errors: inout [String]) {
        guard let rules = schema.objectValue else { return }
        for key in rules.keys where !Self.keywords.contains(key) { errors.append("schema uses unsupported keyword '\(key)'") }
        if let reference = rules["$ref"]?.stringValue {
            guard let target = resolve(reference) else {
                errors.append("\(path): unresolved $ref \(reference)")
                return
            }
            check(value, against: target, at: path, errors: &errors)
        }
        if let type = rules["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            if !allowed.contains(where: { matches(value, type: $0) }) {
                errors.append("\(path): \(value.typeName) is not \(allowed.joined(separator: " or "))")
                return
            }
        }
        if let options = rules["enum"]?.arrayValue, !options.contains(value) {
            errors.append("\(path): \(CanonicalJSON.compact(value)) is not one of \(CanonicalJSON.compact(.array(options)))")
        }
        if let constant = rules["const"], constant != value {
            errors.append("\(path): \(CanonicalJSON.compact(value)) is not \(CanonicalJSON.compact(constant))")
        }
        if let minimum = rules["minimum"]?.numberValue, let number = value.numberValue, number < minimum {
            errors.append("\(path): \(number) is below \(minimum)")
        }
        if let pattern = rules["pattern"]?.stringValue, let text = value.stringValue,
           text.range(of: pattern, options: .regularExpression) == nil {
            errors.append("\(path): '\(text)' does not match \(pattern)")
        }
        if let alternatives = rules["anyOf"]?.arrayValue {
            let passing = alternatives.contains { alternative in
                var scratch: [String] = []
                check(value, against: alternative, at: path, errors: &scratch)
                return scratch.isEmpty
            }
            if !passing { errors.append("\(path): matches none of anyOf") }
        }
        if let object = value.objectValue {
            for name in rules["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                errors.append("\(path): missing '\(name)'")
            }
            let properties = rules["properties"]?.objectValue ?? [:]
            for (name, member) in object {
                if let property = properties[name] {
                    check(member, against: property, at: path + "/" + name, errors: &errors)
                } else if let additional = rules["additionalProperties"] {
                    if additional == .bool(false) {
                        errors.append("\(path): unexpected member '\(name)'")
                    } else {
                        check(member, against: additional, at: path + "/" + name, errors: &errors)
                    }
                }
            }
        }
        if let items = rules["items"], let array = value.arrayValue {
            for (index, item) in array.enumerated() { check(item, against: items, at: "\(path)/\(index)", errors: &errors) }
        }
    }

    private func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number): return true
        case ("integer", .number(let number)): return number.isInteger
        default: return false
        }
    }
}
