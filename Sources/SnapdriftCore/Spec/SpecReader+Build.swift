import Foundation
import SnapdriftMarkup
import Yams

/// The second pass: the structure is known to be right; compile every value and check the
/// references between keys.
extension SpecReader {
    mutating func build(_ root: Node) -> Spec? {
        let mapping = root.mapping!
        let schemaVersion = mapping["schema_version"].flatMap { $0.int } ?? 1
        if schemaVersion < 1 { problem("schema_version must be 1 or more", at: mapping["schema_version"]) }

        let fixtures: [String]
        let declaredFormat = mapping["format"]?.scalar.flatMap { PageFormat(rawValue: $0.string) }
        if let node = mapping["fixtures"] {
            fixtures = node.scalar.map { [$0.string] } ?? (node.sequence?.compactMap { $0.scalar?.string } ?? [])
            if fixtures.isEmpty { problem("'fixtures' must name at least one glob", at: node) }
        } else {
            fixtures = []
        }
        let fieldsNode = mapping["fields"]
        let normalizerNode = mapping["normalizer"]
        if fieldsNode != nil, normalizerNode != nil {
            problem("a spec has either 'fields' or a 'normalizer', not both", at: normalizerNode)
        } else if fieldsNode == nil, normalizerNode == nil {
            problem("a spec needs 'fields' (field rules) or a 'normalizer' (an external command)", at: root)
        }
        let format = declaredFormat ?? inferFormat(fixtures: fixtures, fields: fieldsNode)

        var fields: [FieldRule] = []
        if let fieldMapping = fieldsNode?.mapping {
            for (key, value) in fieldMapping {
                let name = key.scalar!.string
                if name.hasPrefix("@") || name.contains("/") {
                    problem("field name '\(name)' must not start with '@' or contain '/'", at: key)
                    continue
                }
                if let rule = fieldRule(name, value, format: format) { fields.append(rule) }
            }
        }
        let fieldNames = fields.map(\.name)

        var records: RecordsRule?
        if let recordsNode = mapping["records"]?.mapping {
            records = recordsRule(recordsNode, format: format, fieldNames: fieldsNode == nil ? nil : fieldNames)
        }
        var finalize = FinalizeRules()
        if let finalizeNode = mapping["finalize"] { finalize = finalizeRules(finalizeNode, fieldNames: fieldsNode == nil ? nil : fieldNames) }
        var compare = ComparePolicy()
        if let compareNode = mapping["compare"] { compare = comparePolicy(compareNode) }
        var migrations: [Int: Migration] = [:]
        if let migrationMapping = mapping["migrations"]?.mapping {
            for (key, value) in migrationMapping {
                guard let version = key.int, key.tagName == .int else {
                    problem("a migration is keyed by the schema version it reads (an integer), not '\(key.scalar?.string ?? "")'", at: key)
                    continue
                }
                guard version >= 1, version < schemaVersion else {
                    problem("migration from version \(version) is not below schema_version \(schemaVersion)", at: key,
                            notes: ["migrations read goldens of older versions: key N turns a version-N golden into version N+1"])
                    continue
                }
                migrations[version] = migration(value)
            }
        }
        var normalizer: ExternalNormalizerConfig?
        if let normalizerMapping = normalizerNode?.mapping {
            let command = normalizerMapping["command"]?.sequence?.compactMap { $0.scalar?.string } ?? []
            if command.isEmpty || command[0].isEmpty { problem("'normalizer.command' must name a program", at: normalizerMapping["command"] ?? normalizerNode) }
            let timeout = normalizerMapping["timeout"].flatMap { $0.float } ?? 30
            if timeout <= 0 { problem("'normalizer.timeout' must be above 0 seconds", at: normalizerMapping["timeout"]) }
            normalizer = ExternalNormalizerConfig(command: command, timeout: timeout, workingDirectory: folder)
        }

        let canonical = Self.json(from: root)
        let sha256 = Hashing.sha256(CanonicalJSON.bytes(canonical))
        let defaultGlobs: [String]
        switch format {
        case .html?: defaultGlobs = ["*.html", "*.htm"]
        case .json?: defaultGlobs = ["*.json"]
        case nil: defaultGlobs = ["*.html", "*.htm", "*.json"]
        }
        return Spec(source: source, file: file, schemaVersion: schemaVersion, format: format,
                    fixtures: fixtures.isEmpty ? defaultGlobs : fixtures, records: records, fields: fields,
                    finalize: finalize, compare: compare, migrations: migrations, normalizer: normalizer,
                    canonical: canonical, sha256: sha256)
    }

    /// The format the globs or the rules imply, when `format` is not given.
    private func inferFormat(fixtures: [String], fields: Node?) -> PageFormat? {
        if !fixtures.isEmpty {
            let formats = Set(fixtures.map { PageFormat.inferred(from: $0) })
            if formats.count == 1, fixtures.allSatisfy({ $0.lowercased().hasSuffix(".json") || $0.lowercased().hasSuffix(".html") || $0.lowercased().hasSuffix(".htm") }) {
                return formats.first
            }
        }
        guard let mapping = fields?.mapping else { return nil }
        var usesJSON = false, usesHTML = false
        for (_, value) in mapping {
            guard let rule = value.mapping else { continue }
            if rule["json"] != nil { usesJSON = true }
            if rule["css"] != nil || rule["xpath"] != nil || rule["jsonld"] != nil || rule["pairs"] != nil { usesHTML = true }
        }
        if usesJSON != usesHTML { return usesJSON ? .json : .html }
        return nil
    }

    // MARK: Field rules

    private mutating func fieldRule(_ name: String, _ node: Node, format: PageFormat?) -> FieldRule? {
        let location = self.location(node)
        if let shorthand = node.scalar {
            if format == .json {
                guard let pointer = pointer(node) else { return nil }
                return FieldRule(name: name, source: .json(pointer), reading: .text(.collapsed), all: false, required: false, pipeline: ValuePipeline(), location: location)
            }
            _ = shorthand
            guard let selector = selector(node, css: true) else { return nil }
            return FieldRule(name: name, source: .selector(selector), reading: .text(.collapsed), all: false, required: false, pipeline: ValuePipeline(), location: location)
        }
        let mapping = node.mapping!
        let sourceKeys = ["css", "xpath", "jsonld", "json", "pairs"].filter { mapping[$0] != nil }
        guard sourceKeys.count == 1, let sourceKey = sourceKeys.first else {
            if sourceKeys.isEmpty {
                problem("field '\(name)' needs one of 'css', 'xpath', 'jsonld', 'json' or 'pairs'", at: node)
            } else {
                problem("field '\(name)' has both '\(sourceKeys[0])' and '\(sourceKeys[1])'; give one", at: mapping[sourceKeys[1]])
            }
            return nil
        }
        let sourceNode = mapping[sourceKey]!
        if format == .json, sourceKey != "json" {
            problem("'\(sourceKey)' rules read HTML pages, but this spec's format is json", at: sourceNode)
            return nil
        }
        if format == .html, sourceKey == "json" {
            problem("'json' rules read JSON pages, but this spec's format is html (use 'jsonld' for JSON-LD inside HTML)", at: sourceNode)
            return nil
        }
        let source: FieldRule.Source
        switch sourceKey {
        case "css":
            guard let selector = selector(sourceNode, css: true) else { return nil }
            source = .selector(selector)
        case "xpath":
            guard let selector = selector(sourceNode, css: false) else { return nil }
            source = .selector(selector)
        case "jsonld":
            let jsonld = sourceNode.mapping!
            let pathNode = jsonld["path"]
            let texts = pathNode?.scalar.map { [$0.string] } ?? pathNode?.sequence?.compactMap { $0.scalar?.string } ?? [""]
            source = .jsonld(type: jsonld["type"]!.scalar!.string, paths: texts.map(JSONLDPath.init))
        case "json":
            guard let pointer = pointer(sourceNode) else { return nil }
            source = .json(pointer)
        default:
            let pairs = sourceNode.mapping!
            let each = pairs["each"].flatMap { selector($0, css: true) }
            guard let key = selector(pairs["key"]!, css: true), let value = selector(pairs["value"]!, css: true) else { return nil }
            if pairs["each"] != nil, each == nil { return nil }
            source = .pairs(PairsRule(each: each, key: key, value: value))
        }

        var reading = FieldRule.Reading.text(.collapsed)
        if let text = mapping["text"]?.scalar?.string { reading = .text(text == "raw" ? .raw : .collapsed) }
        if let attr = mapping["attr"]?.scalar?.string {
            if mapping["text"] != nil { problem("'text' applies to text; field '\(name)' reads the attribute '\(attr)'", at: mapping["text"]) }
            switch attr {
            case "html": reading = .innerHTML
            case "outer_html": reading = .outerHTML
            case "": problem("'attr' must name an attribute, or be html or outer_html", at: mapping["attr"])
            default: reading = .attribute(attr.lowercased())
            }
        }
        if case .json = source, mapping["attr"] != nil || mapping["text"] != nil {
            problem("'attr' and 'text' read HTML nodes; field '\(name)' reads JSON", at: mapping["attr"] ?? mapping["text"])
        }
        if case .jsonld = source, mapping["attr"] != nil || mapping["text"] != nil {
            problem("'attr' and 'text' read HTML nodes; field '\(name)' reads JSON-LD", at: mapping["attr"] ?? mapping["text"])
        }
        let all = mapping["all"]?.bool ?? false
        let required = mapping["required"]?.bool ?? false
        guard let pipeline = valuePipeline(mapping, owner: "field '\(name)'") else { return nil }
        return FieldRule(name: name, source: source, reading: reading, all: all, required: required, pipeline: pipeline, location: location)
    }

    /// `regex`, `transforms`, `type`, `date_format`, `default` of a mapping.
    private mutating func valuePipeline(_ mapping: Node.Mapping, owner: String) -> ValuePipeline? {
        var pipeline = ValuePipeline()
        var ok = true
        if let node = mapping["regex"] {
            if let regex = regex(node) { pipeline.regex = regex } else { ok = false }
        }
        if let items = mapping["transforms"]?.sequence {
            for item in items {
                if let transform = transform(item) { pipeline.transforms.append(transform) } else { ok = false }
            }
        }
        if let typeName = mapping["type"]?.scalar?.string { pipeline.type = ValueType(rawValue: typeName) }
        if let node = mapping["date_format"] {
            if pipeline.type != .date && pipeline.type != .datetime {
                problem("'date_format' applies to type date or datetime; \(owner) is \(pipeline.type.map { "type \($0.rawValue)" } ?? "untyped")", at: node)
                ok = false
            } else {
                do {
                    pipeline.dateFormat = try DateFormat(node.scalar!.string)
                } catch {
                    problems.append(SnapdriftError(.invalidSpec, error.message, at: location(node)))
                    ok = false
                }
            }
        }
        if let node = mapping["default"] { pipeline.defaultValue = Self.json(from: node) }
        return ok ? pipeline : nil
    }

    private mutating func transform(_ node: Node) -> Transform? {
        if let name = node.scalar?.string {
            switch name {
            case "lower": return .lower
            case "upper": return .upper
            case "trim": return .trim
            case "collapse": return .collapse
            case "first": return .first
            case "last": return .last
            case "compact": return .compact
            default: return .texts
            }
        }
        let (key, value) = node.mapping!.first!
        let name = key.scalar!.string
        func parameter(_ parameter: String) -> Node? { value.scalar != nil ? value : value.mapping?[parameter] }
        switch name {
        case "replace":
            guard let patternNode = parameter("pattern"), let regex = regex(patternNode) else { return nil }
            return .replace(regex, with: value.mapping?["with"]?.scalar?.string ?? "")
        case "split": return .split(parameter("separator")!.scalar!.string)
        case "strip": return .strip(Set(parameter("chars")!.scalar!.string))
        default: return .join(parameter("separator")!.scalar!.string)
        }
    }

    // MARK: Compiled values

    /// Compiles a CSS selector or XPath, placing an error at its column inside the YAML.
    mutating func selector(_ node: Node, css: Bool) -> Selector? {
        let text = node.scalar!.string
        do {
            return css ? try Selector(css: text) : try Selector(xpath: text)
        } catch {
            problem("invalid \(css ? "CSS selector" : "XPath"): \(error.message)", at: node, columnOffset: columnOffset(node, error.column))
            return nil
        }
    }

    private mutating func regex(_ node: Node) -> CompiledRegex? {
        do {
            return try CompiledRegex(node.scalar!.string)
        } catch {
            let reason = error.underlying.map { ": \($0)" } ?? ""
            problem(error.message + reason, at: node)
            return nil
        }
    }

    private mutating func pointer(_ node: Node) -> JSONPointer? {
        do {
            return try JSONPointer(node.scalar!.string)
        } catch {
            problem(error.message, at: node)
            return nil
        }
    }

    private mutating func pattern(_ node: Node) -> JSONPointerPattern? {
        do {
            return try JSONPointerPattern(node.scalar!.string)
        } catch {
            problem(error.message, at: node)
            return nil
        }
    }

    /// Where column `column` of a scalar's text sits in the file: after the opening quote for
    /// quoted scalars; block scalars point at their start.
    private func columnOffset(_ node: Node, _ column: Int?) -> Int {
        guard let column, let scalar = node.scalar else { return 0 }
        switch scalar.style {
        case .plain, .any: return column - 1
        case .singleQuoted, .doubleQuoted: return column
        default: return 0
        }
    }

    // MARK: Records, finalize, compare, migrations

    private mutating func recordsRule(_ mapping: Node.Mapping, format: PageFormat?, fieldNames: [String]?) -> RecordsRule? {
        let eachNode = mapping["each"]!
        let each: RecordsRule.Each
        if format == .json {
            guard let pointer = pointer(eachNode) else { return nil }
            each = .pointer(pointer)
        } else {
            if format == nil, eachNode.scalar?.string.hasPrefix("/") == true {
                problem("records.each: set 'format: json' to use a JSON Pointer, or give a CSS selector", at: eachNode)
                return nil
            }
            guard let selector = selector(eachNode, css: true) else { return nil }
            each = .css(selector)
        }
        let key = mapping["key"]?.scalar?.string
        if let key, let fieldNames, !fieldNames.contains(key) {
            let notes = Suggestion.closest(to: key, in: fieldNames).map { ["did you mean '\($0)'?"] } ?? ["fields: " + fieldNames.joined(separator: ", ")]
            problem("records.key '\(key)' is not a field", at: mapping["key"], notes: notes)
        }
        return RecordsRule(each: each, key: key)
    }

    private mutating func finalizeRules(_ node: Node, fieldNames: [String]?) -> FinalizeRules {
        var rules = FinalizeRules()
        let mapping = node.mapping!
        var known = fieldNames
        if let fields = mapping["fields"]?.mapping {
            for (key, value) in fields {
                let name = key.scalar!.string
                let derived = value.mapping!
                let hasTemplate = derived["template"] != nil, hasFrom = derived["from"] != nil
                guard hasTemplate != hasFrom else {
                    problem("finalize field '\(name)' needs exactly one of 'template' or 'from'", at: value)
                    continue
                }
                if hasTemplate, derived["regex"] != nil || derived["type"] != nil || derived["transforms"] != nil {
                    // Allowed: the template's text goes through the pipeline like any value.
                }
                let kind: DerivedField.Kind
                if let templateNode = derived["template"] {
                    guard let template = template(templateNode, known: known) else { continue }
                    kind = .template(template)
                } else {
                    let source = derived["from"]!.scalar!.string
                    if let known, !known.contains(source) {
                        let notes = Suggestion.closest(to: source, in: known).map { ["did you mean '\($0)'?"] } ?? []
                        problem("finalize field '\(name)': 'from' names '\(source)', which is not a field", at: derived["from"], notes: notes)
                        continue
                    }
                    kind = .from(source)
                }
                guard let pipeline = valuePipeline(derived, owner: "finalize field '\(name)'") else { continue }
                rules.fields.append(DerivedField(name: name, kind: kind, pipeline: pipeline))
                known?.append(name)
            }
        }
        if let defaults = mapping["defaults"]?.mapping {
            for (key, value) in defaults { rules.defaults.append((key.scalar!.string, Self.json(from: value))) }
            known? += rules.defaults.map(\.name)
        }
        if let drop = mapping["drop"]?.sequence {
            for item in drop {
                let name = item.scalar!.string
                if let known, !known.contains(name) {
                    let notes = Suggestion.closest(to: name, in: known).map { ["did you mean '\($0)'?"] } ?? []
                    problem("finalize.drop names '\(name)', which is not a field", at: item, notes: notes)
                }
                rules.drop.append(name)
            }
        }
        return rules
    }

    private mutating func template(_ node: Node, known: [String]?) -> Template? {
        let text = node.scalar!.string
        var pieces: [Template.Piece] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "{", next < text.endIndex, text[next] == "{" {
                literal.append("{")
                index = text.index(after: next)
                continue
            }
            if character == "}", next < text.endIndex, text[next] == "}" {
                literal.append("}")
                index = text.index(after: next)
                continue
            }
            if character == "{" {
                guard let close = text[next...].firstIndex(of: "}") else {
                    problem("template '\(text)' has a '{' without its '}'", at: node)
                    return nil
                }
                let name = String(text[next..<close])
                if let known, !known.contains(name) {
                    let notes = Suggestion.closest(to: name, in: known).map { ["did you mean '{\($0)}'?"] } ?? []
                    problem("template '\(text)' reads '{\(name)}', which is not a field", at: node, notes: notes)
                    return nil
                }
                if !literal.isEmpty { pieces.append(.literal(literal)) }
                literal = ""
                pieces.append(.field(name))
                index = text.index(after: close)
                continue
            }
            if character == "}" {
                problem("template '\(text)' has a '}' without its '{' (write '}}' for a literal brace)", at: node)
                return nil
            }
            literal.append(character)
            index = next
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return Template(pieces: pieces, text: text)
    }

    private mutating func comparePolicy(_ node: Node) -> ComparePolicy {
        var policy = ComparePolicy()
        let mapping = node.mapping!
        policy.ignore = mapping["ignore"]?.sequence?.compactMap { pattern($0) } ?? []
        policy.redact = mapping["redact"]?.sequence?.compactMap { pattern($0) } ?? []
        policy.unordered = mapping["unordered"]?.sequence?.compactMap { pattern($0) } ?? []
        for (key, value) in mapping["tolerance"]?.mapping ?? [:] {
            guard let pattern = pattern(key) else { continue }
            guard let amount = JSONNumber(value.scalar!.string) ?? value.float.flatMap(JSONNumber.init), !amount.isNegative else {
                problem("tolerance for '\(pattern)' must be a number of 0 or more", at: value)
                continue
            }
            policy.tolerance.append((pattern, amount))
        }
        for (key, value) in mapping["severity"]?.mapping ?? [:] {
            guard let pattern = pattern(key), let severity = Severity(rawValue: value.scalar!.string) else { continue }
            policy.severity.append((pattern, severity))
        }
        return policy
    }

    private mutating func migration(_ node: Node) -> Migration {
        var migration = Migration()
        let mapping = node.mapping!
        for (key, value) in mapping["rename"]?.mapping ?? [:] {
            if let from = pointer(key), let to = pointer(value) { migration.rename.append((from, to)) }
        }
        migration.drop = mapping["drop"]?.sequence?.compactMap { pointer($0) } ?? []
        for (key, value) in mapping["add"]?.mapping ?? [:] {
            if let path = pointer(key) { migration.add.append((path, Self.json(from: value))) }
        }
        return migration
    }

    // MARK: YAML to JSON

    /// A YAML node as JSON: mappings to objects, sequences to arrays, scalars by their
    /// resolved tag (numbers stay exact; timestamps and other tags stay text).
    static func json(from node: Node) -> JSONValue {
        switch node {
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, value) in mapping { object[key.scalar?.string ?? ""] = json(from: value) }
            return .object(object)
        case .sequence(let sequence):
            return .array(sequence.map { json(from: $0) })
        case .alias:
            return .null
        case .scalar(let scalar):
            switch node.tagName {
            case .null: return .null
            case .bool: return .bool(node.bool ?? false)
            case .int:
                if let number = JSONNumber(scalar.string) { return .number(number) }
                if let value = node.int { return .number(JSONNumber(value)) }
                return .string(scalar.string)
            case .float:
                if let number = JSONNumber(scalar.string) { return .number(number) }
                if let value = node.float, let number = JSONNumber(value) { return .number(number) }
                return .string(scalar.string)
            default:
                return .string(scalar.string)
            }
        }
    }
}
