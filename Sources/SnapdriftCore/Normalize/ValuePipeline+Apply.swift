import Foundation

extension ValuePipeline {
    /// Runs `regex`, `transforms`, `type` and `default` over an extracted value, noting every
    /// step that gave up (so a null is never unexplained).
    func apply(to value: JSONValue, baseURL: URL?, notes: inout [String]) -> JSONValue {
        var current = value
        if let regex {
            current = mapScalars(current) { item in
                let text = ValueCoercion.text(item)
                if let captured = regex.firstCapture(in: text) { return .string(captured) }
                notes.append("regex '\(regex.pattern)' did not match '\(Self.abbreviate(text))'")
                return .null
            }
        }
        for transform in transforms { current = apply(transform, to: current) }
        if let type {
            current = mapScalars(current, includingObjects: true) { item in
                let (coerced, reason) = ValueCoercion.coerce(item, to: type, dateFormat: dateFormat, baseURL: baseURL)
                if let reason { notes.append(reason) }
                return coerced ?? .null
            }
        }
        if let defaultValue, current == .null || current == .string("") {
            notes.append("default used")
            current = defaultValue
        }
        return current
    }

    private func apply(_ transform: Transform, to value: JSONValue) -> JSONValue {
        switch transform {
        case .lower: return mapText(value) { $0.lowercased() }
        case .upper: return mapText(value) { $0.uppercased() }
        case .trim: return mapText(value) { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        case .collapse: return mapText(value) { Self.collapse($0) }
        case .replace(let regex, let template): return mapText(value) { regex.replacingMatches(in: $0, with: template) }
        case .strip(let characters):
            return mapText(value) { text in
                var slice = Substring(text)
                while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
                while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
                return String(slice)
            }
        case .split(let separator):
            guard !separator.isEmpty else { return value }
            return .array(items(value).flatMap { item -> [JSONValue] in
                guard case .string(let text) = item else { return [item] }
                return text.components(separatedBy: separator).map { .string($0) }
            })
        case .join(let separator):
            guard case .array(let list) = value else { return value }
            return .string(list.filter { $0 != .null }.map(ValueCoercion.text).joined(separator: separator))
        case .first:
            guard case .array(let list) = value else { return value }
            return list.first ?? .null
        case .last:
            guard case .array(let list) = value else { return value }
            return list.last ?? .null
        case .compact:
            guard case .array(let list) = value else { return value }
            return .array(list.filter { !$0.isEmptyValue })
        case .texts:
            var texts: [JSONValue] = []
            Self.collectTexts(value, into: &texts)
            return .array(texts)
        }
    }

    /// Strings stay, lists are followed, objects give `text`, else `name`, else the texts of
    /// their `itemListElement` (schema.org HowToSection / HowToStep shapes).
    private static func collectTexts(_ value: JSONValue, into texts: inout [JSONValue]) {
        switch value {
        case .string(let text):
            let trimmed = collapse(text)
            if !trimmed.isEmpty { texts.append(.string(trimmed)) }
        case .array(let list):
            for item in list { collectTexts(item, into: &texts) }
        case .object(let object):
            if let items = object["itemListElement"] {
                collectTexts(items, into: &texts)
            } else if let text = object["text"] ?? object["name"] {
                collectTexts(text, into: &texts)
            }
        default:
            break
        }
    }

    private func items(_ value: JSONValue) -> [JSONValue] {
        if case .array(let list) = value { return list }
        return [value]
    }

    private func mapText(_ value: JSONValue, _ body: (String) -> String) -> JSONValue {
        mapScalars(value) { item in
            if case .string(let text) = item { return .string(body(text)) }
            return item
        }
    }

    /// Applies `body` to each scalar (each item of a list); objects pass through unless
    /// `includingObjects`.
    private func mapScalars(_ value: JSONValue, includingObjects: Bool = false, _ body: (JSONValue) -> JSONValue) -> JSONValue {
        switch value {
        case .array(let list): return .array(list.map { mapScalars($0, includingObjects: includingObjects, body) })
        case .null: return .null
        case .object: return includingObjects ? body(value) : value
        default: return body(value)
        }
    }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func abbreviate(_ text: String) -> String {
        text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }
}
