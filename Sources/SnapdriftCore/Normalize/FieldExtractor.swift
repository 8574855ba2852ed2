import Foundation
import SnapdriftMarkup

/// Where a rule starts: the whole page, one record's element, or one record's JSON value.
enum ExtractionContext {
    case page
    case element(HTMLNode)
    case json(JSONValue)
}

/// Evaluates field rules on one parsed page.
struct FieldExtractor {
    let page: Page

    /// The field's value and its provenance.
    func extract(_ rule: FieldRule, in context: ExtractionContext) throws(SnapdriftError) -> (JSONValue, FieldProvenance) {
        var notes: [String] = []
        let raw: [JSONValue]
        var paths: [String] = []
        var matches: Int
        switch rule.source {
        case .selector(let selector):
            let document = try htmlDocument(for: rule)
            let value: XPathValue
            do {
                value = try document.evaluate(selector.expression, from: contextNode(context))
            } catch {
                throw SnapdriftError(.extractionFailed, "field '\(rule.name)': \(error.message)")
            }
            switch value {
            case .nodes(let nodes):
                matches = nodes.count
                paths = nodes.prefix(FieldProvenance.pathLimit).map(\.path)
                let chosen = rule.all ? nodes : Array(nodes.prefix(1))
                raw = chosen.map { read(rule.reading, of: $0, notes: &notes) }
            case .string(let text):
                matches = 1
                raw = [.string(text)]
            case .number(let number):
                matches = 1
                raw = [JSONNumber(number).map(JSONValue.number) ?? .null]
            case .boolean(let flag):
                matches = 1
                raw = [.bool(flag)]
            }
        case .jsonld(let type, let paths):
            let extraction = try page.jsonld()
            let objects = extraction.objects(ofType: type)
            guard let object = objects.first else {
                let detail = extraction.blockCount == 0 ? "the page has no JSON-LD" : "no JSON-LD object of type \(type) in \(extraction.blockCount) block\(extraction.blockCount == 1 ? "" : "s")"
                notes.append(detail)
                matches = 0
                raw = []
                break
            }
            if objects.count > 1 { notes.append("\(objects.count) JSON-LD objects of type \(type); the first is read") }
            if !object.leniencies.isEmpty { notes.append("JSON-LD read leniently: " + object.leniencies.map(\.rawValue).joined(separator: ", ")) }
            var found: [JSONValue] = []
            for path in paths where found.isEmpty { found = Self.follow(path, from: .object(object.value)) }
            matches = found.count
            raw = rule.all ? found : Array(found.prefix(1))
        case .json(let pointer):
            guard case .json(let base) = jsonContext(context) else {
                throw SnapdriftError(.extractionFailed, "field '\(rule.name)' reads JSON, but the page is HTML")
            }
            if let value = pointer.resolve(in: base) {
                matches = 1
                raw = [value]
            } else {
                matches = 0
                raw = []
            }
        case .pairs(let pairs):
            let document = try htmlDocument(for: rule)
            let (object, count, pairPaths) = try readPairs(pairs, rule: rule, document: document, from: contextNode(context), notes: &notes)
            matches = count
            paths = pairPaths
            raw = [.object(object)]
        }

        var value: JSONValue
        if rule.all {
            value = .array(raw)
        } else {
            value = raw.first ?? .null
        }
        if case .pairs = rule.source, case .object(let object) = value {
            // The pipeline applies to each value of the pairs.
            var processed = JSONObject()
            for (key, item) in object { processed[key] = rule.pipeline.apply(to: item, baseURL: page.baseURL, notes: &notes) }
            value = .object(processed)
        } else {
            value = rule.pipeline.apply(to: value, baseURL: page.baseURL, notes: &notes)
        }
        if matches == 0, !rule.all, rule.pipeline.defaultValue == nil { notes.insert("no match", at: 0) }
        return (value, FieldProvenance(rule: rule.ruleDescription, matches: matches, paths: paths, notes: Self.unique(notes)))
    }

    private func htmlDocument(for rule: FieldRule) throws(SnapdriftError) -> HTMLDocument {
        guard let document = page.document else {
            throw SnapdriftError(.extractionFailed, "field '\(rule.name)' reads HTML, but the page is JSON")
        }
        return document
    }

    private func contextNode(_ context: ExtractionContext) -> HTMLNode? {
        if case .element(let node) = context { return node }
        return nil
    }

    private func jsonContext(_ context: ExtractionContext) -> ExtractionContext {
        switch context {
        case .json: return context
        case .page: return page.json.map(ExtractionContext.json) ?? context
        case .element: return context
        }
    }

    /// What the rule makes of one node: its reading, then the rule's pipeline — the value the
    /// rule would give if this node were its first match.
    func value(of node: HTMLNode, rule: FieldRule) -> JSONValue {
        var notes: [String] = []
        return rule.pipeline.apply(to: read(rule.reading, of: node, notes: &notes), baseURL: page.baseURL, notes: &notes)
    }

    private func read(_ reading: FieldRule.Reading, of node: HTMLNode, notes: inout [String]) -> JSONValue {
        switch reading {
        case .text(let mode): return .string(node.text(mode))
        case .innerHTML: return .string(node.innerHTML)
        case .outerHTML: return .string(node.outerHTML)
        case .attribute(let name):
            if node.kind != .element { return .string(node.text(.raw)) }
            guard let value = node.attribute(name) else {
                notes.append("\(node.path) has no attribute '\(name)'")
                return .null
            }
            return .string(value)
        }
    }

    /// Label/value pairs, as an object keyed by label text in document order.
    private func readPairs(_ pairs: PairsRule, rule: FieldRule, document: HTMLDocument, from context: HTMLNode?,
                           notes: inout [String]) throws(SnapdriftError) -> (JSONObject, Int, [String]) {
        var object = JSONObject()
        var paths: [String] = []
        var count = 0
        func add(_ label: String, _ values: [JSONValue]) {
            guard !label.isEmpty else { return }
            count += 1
            let value: JSONValue = values.count == 1 ? values[0] : values.isEmpty ? .null : .array(values)
            if let existing = object[label] {
                // The same label twice: keep both, in document order.
                let previous = existing.arrayValue ?? [existing]
                object[label] = .array(previous + (value.arrayValue ?? [value]))
                notes.append("label '\(label)' appears more than once")
            } else {
                object[label] = value
            }
        }
        do {
            if let each = pairs.each {
                for container in try document.select(each, from: context) {
                    guard let label = try document.select(pairs.key, from: container).first else { continue }
                    let values = try document.select(pairs.value, from: container).map { read(rule.reading, of: $0, notes: &notes) }
                    paths.append(container.path)
                    add(label.text(), values)
                }
            } else {
                // dt/dd style: each label takes the value siblings that follow it.
                let labels = try document.select(pairs.key, from: context)
                let labelSet = Set(labels)
                let valueSet = Set(try document.select(pairs.value, from: context))
                for label in labels {
                    var values: [JSONValue] = []
                    var sibling = label.nextElementSibling
                    while let current = sibling, !labelSet.contains(current) {
                        if valueSet.contains(current) { values.append(read(rule.reading, of: current, notes: &notes)) }
                        sibling = current.nextElementSibling
                    }
                    paths.append(label.path)
                    add(label.text(), values)
                }
            }
        } catch {
            throw SnapdriftError(.extractionFailed, "field '\(rule.name)': \(error.message)")
        }
        return (object, count, paths)
    }

    /// Follows a JSON-LD dot path; a name applied to a list applies to each item, `*` takes
    /// every item. Each value reached is one match.
    static func follow(_ path: JSONLDPath, from root: JSONValue) -> [JSONValue] {
        var current: [JSONValue] = [root]
        for step in path.steps {
            var next: [JSONValue] = []
            for value in current {
                switch (step, value) {
                case (.member(let name), .object(let object)):
                    if let member = object[name] { next.append(member) }
                case (.member, .array(let items)):
                    for case .object(let object) in items {
                        if case .member(let name) = step, let member = object[name] { next.append(member) }
                    }
                case (.index(let index), .array(let items)):
                    if index < items.count { next.append(items[index]) }
                case (.index(0), _):
                    // A single value stands for a one-item list.
                    next.append(value)
                case (.every, .array(let items)):
                    next += items
                case (.every, .object(let object)):
                    next += object.members.values
                default:
                    break
                }
            }
            current = next
        }
        return current.filter { $0 != .null }
    }

    private static func unique(_ notes: [String]) -> [String] {
        var seen = Set<String>()
        return notes.filter { seen.insert($0).inserted }
    }
}
