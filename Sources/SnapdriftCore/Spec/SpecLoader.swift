import Foundation
import SnapdriftMarkup
import Yams

/// Loads `spec.yml`: YAML through Yams, every key checked against `SpecKeyRegistry`, every
/// selector, XPath, regular expression, pointer and date pattern compiled. All problems are
/// reported together, each as `file:line:col: error: …`.
public enum SpecLoader {
    /// Loads the spec at `path`; `displayPath` is how messages name it, `source` is the
    /// source folder's name.
    public static func load(path: String, displayPath: String? = nil, source: String) throws(SnapdriftError) -> Spec {
        let shown = displayPath ?? path
        let bytes = try FileIO.read(path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SnapdriftError(.invalidSpec, "the spec is not valid UTF-8", at: SourceLocation(file: shown))
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try load(yaml: text, file: shown, source: source, folder: folder)
    }

    /// Loads a spec from its text.
    public static func load(yaml: String, file: String, source: String, folder: String) throws(SnapdriftError) -> Spec {
        var reader = SpecReader(file: file, source: source, folder: folder)
        guard let root = try YAMLText.compose(yaml, file: file, code: .invalidSpec) else {
            throw SnapdriftError(.invalidSpec, "the spec is empty", at: SourceLocation(file: file, line: 1, column: 1))
        }
        reader.check(root, .object(SpecKeyRegistry.spec), path: "")
        try reader.throwIfFailed()
        let spec = reader.build(root)
        try reader.throwIfFailed()
        return spec!
    }
}

/// The state of one load: the file, and the problems found so far.
struct SpecReader {
    let file: String
    let source: String
    let folder: String
    var problems: [SnapdriftError] = []

    init(file: String, source: String, folder: String) {
        self.file = file
        self.source = source
        self.folder = folder
    }

    // MARK: Problems

    func location(_ node: Node?, columnOffset: Int = 0) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column + columnOffset)
    }

    mutating func problem(_ message: String, at node: Node?, columnOffset: Int = 0, notes: [String] = []) {
        problems.append(SnapdriftError(.invalidSpec, message, at: location(node, columnOffset: columnOffset), notes: notes))
    }

    func throwIfFailed() throws(SnapdriftError) {
        guard var first = problems.first else { return }
        first.others = Array(problems.dropFirst())
        throw first
    }

    // MARK: Structure, driven by the registry

    /// Checks `node` against `shape`: unknown keys (with a suggestion), missing required keys,
    /// and scalar types. Compiling values is left to `build`.
    mutating func check(_ node: Node, _ shape: SpecShape, path: String) {
        if case .alias = node {
            problem("YAML aliases are not supported in specs", at: node)
            return
        }
        switch shape {
        case .string, .css, .xpath, .pointer, .pointerPattern, .regex, .dateFormat, .template:
            guard let scalar = node.scalar, node.tagName != .null else {
                return problem("\(describe(path)) must be a string, not \(kind(of: node))", at: node)
            }
            if case .template = shape, scalar.string.isEmpty { problem("\(describe(path)) must not be empty", at: node) }
        case .cssOrPointer:
            guard node.scalar != nil, node.tagName != .null else {
                return problem("\(describe(path)) must be a string, not \(kind(of: node))", at: node)
            }
        case .integer:
            guard node.scalar != nil, node.tagName == .int else {
                return problem("\(describe(path)) must be an integer, not \(kind(of: node))", at: node)
            }
        case .number:
            guard node.scalar != nil, node.tagName == .int || node.tagName == .float else {
                return problem("\(describe(path)) must be a number, not \(kind(of: node))", at: node)
            }
        case .boolean:
            guard node.scalar != nil, node.tagName == .bool else {
                return problem("\(describe(path)) must be true or false, not \(kind(of: node))", at: node)
            }
        case .anyValue:
            return
        case .oneOf(let allowed):
            guard let text = node.scalar?.string, node.tagName != .null else {
                return problem("\(describe(path)) must be one of \(allowed.joined(separator: ", ")), not \(kind(of: node))", at: node)
            }
            if !allowed.contains(text) {
                let notes = Suggestion.closest(to: text, in: allowed).map { ["did you mean '\($0)'?"] } ?? ["expected one of: \(allowed.joined(separator: ", "))"]
                problem("unknown value '\(text)' for \(describe(path))", at: node, notes: notes)
            }
        case .stringOrList:
            if node.scalar != nil { return check(node, .string, path: path) }
            check(node, .list(.string), path: path)
        case .list(let item):
            guard let sequence = node.sequence else {
                return problem("\(describe(path)) must be a list, not \(kind(of: node))", at: node)
            }
            for (index, element) in sequence.enumerated() { check(element, item, path: "\(path)[\(index)]") }
        case .map(let keyName, let value):
            guard let mapping = node.mapping else {
                return problem("\(describe(path)) must be a mapping of \(keyName) to \(value.summary), not \(kind(of: node))", at: node)
            }
            for (key, element) in mapping {
                guard let name = key.scalar?.string, !name.isEmpty else {
                    problem("a \(keyName) in \(describe(path)) must be a non-empty string", at: key)
                    continue
                }
                check(element, value, path: join(path, name))
            }
        case .object(let object):
            checkObject(node, object, path: path)
        case .fieldRule:
            if node.scalar != nil { return check(node, .string, path: path) }
            checkObject(node, SpecKeyRegistry.fieldRule, path: path)
        case .transform:
            checkTransform(node, path: path)
        }
    }

    private mutating func checkObject(_ node: Node, _ object: SpecObject, path: String) {
        guard let mapping = node.mapping else {
            return problem("\(describe(path, object)) must be a mapping, not \(kind(of: node))", at: node)
        }
        var seen = Set<String>()
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                problem("keys in \(describe(path, object)) must be strings", at: key)
                continue
            }
            seen.insert(name)
            guard let definition = object.key(name) else {
                let suggestion = Suggestion.closest(to: name, in: object.keys.map(\.name))
                let notes = suggestion.map { ["did you mean '\($0)'?"] } ?? ["keys of \(object.title): " + object.keys.map(\.name).joined(separator: ", ")]
                problem("unknown key '\(name)' in \(describe(path, object))", at: key, notes: notes)
                continue
            }
            check(value, definition.shape, path: join(path, name))
        }
        for definition in object.keys where definition.required && !seen.contains(definition.name) {
            problem("missing required key '\(definition.name)' in \(describe(path, object))", at: node)
        }
    }

    private mutating func checkTransform(_ node: Node, path: String) {
        let names = SpecKeyRegistry.transforms.map(\.name)
        if let name = node.scalar?.string {
            guard let definition = SpecKeyRegistry.transforms.first(where: { $0.name == name }) else {
                let notes = Suggestion.closest(to: name, in: names).map { ["did you mean '\($0)'?"] } ?? ["transforms: " + names.joined(separator: ", ")]
                return problem("unknown transform '\(name)'", at: node, notes: notes)
            }
            if !definition.parameters.isEmpty {
                problem("transform '\(name)' needs \(definition.parameters.map { "'\($0)'" }.joined(separator: " and ")): write { \(name): { \(definition.parameters.map { "\($0): …" }.joined(separator: ", ")) } }", at: node)
            }
            return
        }
        guard let mapping = node.mapping, mapping.count == 1, let (key, value) = mapping.first, let name = key.scalar?.string else {
            return problem("a transform is a name or a mapping with one key, as in { split: { separator: \",\" } }", at: node)
        }
        guard let definition = SpecKeyRegistry.transforms.first(where: { $0.name == name }) else {
            let notes = Suggestion.closest(to: name, in: names).map { ["did you mean '\($0)'?"] } ?? ["transforms: " + names.joined(separator: ", ")]
            return problem("unknown transform '\(name)'", at: key, notes: notes)
        }
        if definition.parameters.count == 1, value.scalar != nil { return }
        guard let parameters = value.mapping else {
            return problem("transform '\(name)' takes a mapping of \(definition.parameters.joined(separator: ", "))", at: value)
        }
        var seen = Set<String>()
        for (parameterKey, parameterValue) in parameters {
            let parameter = parameterKey.scalar?.string ?? ""
            seen.insert(parameter)
            if !definition.parameters.contains(parameter) {
                let notes = Suggestion.closest(to: parameter, in: definition.parameters).map { ["did you mean '\($0)'?"] } ?? []
                problem("unknown parameter '\(parameter)' for transform '\(name)'", at: parameterKey, notes: notes)
            } else if parameterValue.scalar == nil {
                problem("'\(parameter)' of transform '\(name)' must be a string", at: parameterValue)
            }
        }
        for parameter in definition.parameters where !seen.contains(parameter) {
            problem("transform '\(name)' needs '\(parameter)'", at: value)
        }
    }

    private func join(_ path: String, _ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    private func describe(_ path: String, _ object: SpecObject? = nil) -> String {
        if path.isEmpty { return object.map { $0.title == "spec" ? "the spec" : $0.title } ?? "the spec" }
        return "'\(path)'"
    }

    func kind(of node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch node.tagName {
            case .null: return "null"
            case .bool: return "a boolean (\(scalar.string))"
            case .int: return "an integer (\(scalar.string))"
            case .float: return "a number (\(scalar.string))"
            default: return "a string ('\(scalar.string)')"
            }
        }
    }
}

extension SnapdriftError {
    /// Further problems found in the same pass (all spec errors are reported together).
    public var others: [SnapdriftError] {
        get { additional }
        set { additional = newValue }
    }
}

extension Node {
    /// The resolved tag's name (Yams keeps `Tag.name` internal).
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
