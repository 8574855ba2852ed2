import SnapdriftMarkup

/// Finds where a field's golden value now sits in a page and proposes the shortest CSS
/// selector that finds it — an id, stable classes, an anchored ancestor, then a
/// type/nth-of-type path — keeping only selectors that, run through the field's own rule,
/// give the golden value back.
struct SelectorSuggester {
    let extractor: FieldExtractor
    let document: HTMLDocument
    let rule: FieldRule
    /// The record element on listing pages; nil for the whole page.
    let context: HTMLNode?
    let target: JSONValue

    /// What was tried: the verified selector and its value (or nil), how many proposals were
    /// checked, and the proposals that could not even run (with why).
    struct Outcome {
        var suggestion: (selector: String, value: JSONValue)?
        var tried: Int
        var unusable: [String]
    }

    func suggest() -> Outcome {
        var outcome = Outcome(suggestion: nil, tried: 0, unusable: [])
        guard let scope = context ?? document.rootElement else { return outcome }
        var candidates: [HTMLNode] = []
        scope.forEachElement { node in
            if extractor.value(of: node, rule: rule) == target { candidates.append(node) }
        }
        // The innermost ones: an element whose descendant also gives the value is only a wrapper.
        let innermost = candidates.filter { candidate in !candidates.contains { $0 != candidate && isAncestor(candidate, of: $0) } }
        var proposals: [(rank: Int, selector: String)] = []
        for candidate in innermost.prefix(5) { proposals += selectors(for: candidate) }
        var seen = Set<String>()
        // By kind first (an id, then stable classes, attributes, an anchored ancestor, the bare
        // type, a structural path), then shortest.
        let ordered = proposals.enumerated().filter { seen.insert($0.element.selector).inserted }
            .sorted { ($0.element.rank, $0.element.selector.count, $0.offset) < ($1.element.rank, $1.element.selector.count, $1.offset) }
            .map(\.element.selector)
        for proposal in ordered {
            outcome.tried += 1
            let first: HTMLNode?
            do {
                first = try document.select(Selector(css: proposal), from: context).first
            } catch {
                outcome.unusable.append("\(proposal): \(error.message)")
                continue
            }
            guard let first else { continue }
            let value = extractor.value(of: first, rule: rule)
            if value == target {
                outcome.suggestion = (proposal, value)
                return outcome
            }
        }
        return outcome
    }

    private func isAncestor(_ node: HTMLNode, of other: HTMLNode) -> Bool {
        var current = other.parent
        while let step = current {
            if step == node { return true }
            current = step.parent
        }
        return false
    }

    /// Selector candidates for one element, ranked by how stable their kind is.
    private func selectors(for node: HTMLNode) -> [(rank: Int, selector: String)] {
        var result: [(Int, String)] = []
        let tag = node.name
        if let id = node.attribute("id"), Self.isStable(id), Self.isIdentifier(id) { result.append((0, "#\(id)")) }
        let classes = (node.attribute("class") ?? "").split(whereSeparator: { $0.isWhitespace }).map(String.init).filter { Self.isStable($0) && Self.isIdentifier($0) }
        for name in classes {
            result.append((1, ".\(name)"))
            result.append((1, "\(tag).\(name)"))
        }
        if classes.count >= 2 { result.append((1, "\(tag).\(classes[0]).\(classes[1])")) }
        for attribute in ["itemprop", "name", "data-testid", "data-test", "data-field", "property", "rel"] {
            if let value = node.attribute(attribute), Self.isStable(value), !value.unicodeScalars.contains("\"") {
                result.append((2, "\(tag)[\(attribute)=\"\(value)\"]"))
            }
        }
        // Anchored on a nearby ancestor with an id or a stable class.
        var ancestor = node.parent
        var depth = 0
        while let current = ancestor, depth < 4, current.kind == .element, current != context {
            for anchor in ancestorAnchors(current) {
                result.append((3, "\(anchor) \(tag)"))
                for name in classes { result.append((3, "\(anchor) .\(name)")) }
                if depth == 0 { result.append((3, "\(anchor) > \(tag)")) }
            }
            ancestor = current.parent
            depth += 1
        }
        result.append((4, tag))
        result.append((5, structuralPath(node)))
        return result
    }

    private func ancestorAnchors(_ node: HTMLNode) -> [String] {
        var anchors: [String] = []
        if let id = node.attribute("id"), Self.isStable(id), Self.isIdentifier(id) { anchors.append("#\(id)") }
        for name in (node.attribute("class") ?? "").split(whereSeparator: { $0.isWhitespace }).map(String.init) where Self.isStable(name) && Self.isIdentifier(name) {
            anchors.append(".\(name)")
            anchors.append("\(node.name).\(name)")
        }
        return anchors
    }

    /// `main > header > h1:nth-of-type(2)` from the scope (or the nearest id) down.
    private func structuralPath(_ node: HTMLNode) -> String {
        var steps: [String] = []
        var current: HTMLNode? = node
        while let step = current, step.kind == .element, step != context, step.name != "html" {
            if let id = step.attribute("id"), Self.isStable(id), Self.isIdentifier(id), step != node {
                steps.append("#\(id)")
                break
            }
            let sameType = step.parent?.elementChildren.filter { $0.name == step.name } ?? []
            if sameType.count > 1, let index = sameType.firstIndex(of: step) {
                steps.append("\(step.name):nth-of-type(\(index + 1))")
            } else {
                steps.append(step.name)
            }
            current = step.parent
        }
        return steps.reversed().joined(separator: " > ")
    }

    /// Names that look written by a person, not generated: no runs of three digits, no
    /// CSS-in-JS hashes.
    static func isStable(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 40 else { return false }
        if name.range(of: #"\d{3,}"#, options: .regularExpression) != nil { return false }
        if name.range(of: #"^(css|sc|jsx|emotion|styled)-"#, options: [.regularExpression, .caseInsensitive]) != nil { return false }
        for segment in name.split(whereSeparator: { $0 == "-" || $0 == "_" }) where segment.count >= 5 {
            let hasDigit = segment.contains { $0.isNumber }
            let hasUpper = segment.contains { $0.isUppercase }
            let hasLower = segment.contains { $0.isLowercase }
            if hasDigit && (hasUpper || hasLower) && hasUpper && hasLower { return false }
        }
        return true
    }

    static func isIdentifier(_ name: String) -> Bool {
        name.range(of: #"^-?[A-Za-z_][A-Za-z0-9_-]*$"#, options: .regularExpression) != nil
    }
}
import Foundation
