/// The spec reference (`docs/spec-reference.md`), written from `SpecKeyRegistry` so a key
/// cannot exist in the code without its line in the docs.
public enum SpecReference {
    public static func markdown() -> String {
        var text = """
        # Spec reference

        <!-- Generated from SpecKeyRegistry by `snapdrift spec-reference`; a test keeps this file equal to it. -->

        A source's `Fixtures/<source>/spec.yml`. Every key below is checked when the spec loads: an unknown
        key, a wrong type, a bad selector, XPath, regular expression, JSON Pointer or date pattern is an
        error with `file:line:column`, before any fixture is read. `snapdrift validate` checks every spec.

        """
        for object in SpecKeyRegistry.objects {
            text += "\n## <a id=\"\(object.anchor)\"></a>\(object.title.prefix(1).uppercased() + object.title.dropFirst())\n\n"
            text += "| key | takes | required | meaning | example |\n| --- | --- | --- | --- | --- |\n"
            for key in object.keys {
                let example = key.example.map { "`\($0.replacingOccurrences(of: "|", with: "\\|"))`" } ?? ""
                text += "| `\(key.name)` | \(shapeLink(key.shape)) | \(key.required ? "yes" : "") | \(key.doc.replacingOccurrences(of: "|", with: "\\|")) | \(example) |\n"
            }
        }
        text += "\n## <a id=\"transforms\"></a>Transforms\n\nEntries of `transforms`, applied in order; text transforms apply to each item of a list.\n\n"
        text += "| transform | parameters | does |\n| --- | --- | --- |\n"
        for transform in SpecKeyRegistry.transforms {
            let parameters = transform.parameters.map { "`\($0)`" }.joined(separator: ", ")
            text += "| `\(transform.name)` | \(parameters) | \(transform.doc) |\n"
        }
        text += "\nA transform with parameters is a one-key mapping: `{ replace: { pattern: \"\\\\s+\", with: \" \" } }`; one with a single parameter may give it directly: `{ split: \",\" }`.\n"
        text += "\n## <a id=\"types\"></a>Types\n\nValues of `type`. A value that cannot be coerced becomes null, and the reason is noted in the field's provenance.\n\n"
        text += "| type | result |\n| --- | --- |\n"
        for type in SpecKeyRegistry.valueTypes { text += "| `\(type.name)` | \(type.doc) |\n" }
        return text
    }

    private static func shapeLink(_ shape: SpecShape) -> String {
        switch shape {
        case .object(let object): return "[\(object.title)](#\(object.anchor))"
        case .fieldRule: return "[field rule](#field-rule) or string"
        case .list(.transform): return "list of [transforms](#transforms)"
        case .map(let keyName, .object(let object)): return "map of \(keyName) → [\(object.title)](#\(object.anchor))"
        case .map(let keyName, .fieldRule): return "map of \(keyName) → [field rule](#field-rule)"
        default: return shape.summary
        }
    }
}
