/// Compiles a parsed selector to one XPath 1.0 expression.
///
/// Compounds are matched right to left, as browsers do: `A B` becomes
/// `descendant-or-self::B[ancestor::A]`, so one pass over the candidates answers the whole
/// selector, and no intermediate node set is built and merged (a forward `A//B` costs
/// quadratic merging when the `A`s nest). Results are the context node and its descendants
/// that match, with ancestors and siblings tested anywhere in the document, as
/// `querySelectorAll` does.
struct CSSXPathCompiler {
    /// HTML names are case-insensitive: libxml2 lower-cases them when parsing, so the
    /// selector's names are lower-cased too. XML names are compared as written.
    let html: Bool

    func compile(_ list: CSSSelectorList) -> String {
        list.selectors.map(path).joined(separator: " | ")
    }

    private func path(_ complex: CSSComplexSelector) -> String {
        "descendant-or-self::" + step(complex, complex.compounds.count - 1)
    }

    /// The node test and predicates of compound `index`, with its relation to the compounds
    /// on its left nested as a predicate.
    private func step(_ complex: CSSComplexSelector, _ index: Int) -> String {
        let compound = complex.compounds[index]
        var text = nodeTest(compound) + predicates(compound)
        if index > 0 { text += "[" + relation(complex, index) + "]" }
        return text
    }

    private func relation(_ complex: CSSComplexSelector, _ index: Int) -> String {
        let left = index - 1
        switch complex.combinators[left] {
        case .descendant: return "ancestor::" + step(complex, left)
        case .child: return "parent::" + step(complex, left)
        case .generalSibling: return "preceding-sibling::" + step(complex, left)
        case .adjacentSibling:
            let compound = complex.compounds[left]
            var text = "preceding-sibling::*[1]"
            if let test = selfTest(compound) { text += "[" + test + "]" }
            text += predicates(compound)
            if left > 0 { text += "[" + relation(complex, left) + "]" }
            return text
        }
    }

    private func nodeTest(_ compound: CSSCompoundSelector) -> String {
        if let name = compound.typeName.map(elementName) {
            return Self.isNCName(name) ? name : "*[name() = \(literal(name))]"
        }
        return compound.filters.contains(.scope) ? "node()" : "*"
    }

    /// The type test as a boolean (`self::div`), nil for `*`.
    private func selfTest(_ compound: CSSCompoundSelector) -> String? {
        guard let name = compound.typeName.map(elementName) else { return nil }
        return Self.isNCName(name) ? "self::" + name : "name() = \(literal(name))"
    }

    private func predicates(_ compound: CSSCompoundSelector) -> String {
        compound.filters.map { "[" + condition($0, compound) + "]" }.joined()
    }

    /// The compound as one boolean expression, for `:not()` and `:is()`.
    private func booleanTest(_ compound: CSSCompoundSelector) -> String {
        var parts: [String] = []
        if let test = selfTest(compound) { parts.append(test) }
        parts += compound.filters.map { "(" + condition($0, compound) + ")" }
        return parts.isEmpty ? "true()" : parts.joined(separator: " and ")
    }

    private func condition(_ filter: CSSFilter, _ compound: CSSCompoundSelector) -> String {
        switch filter {
        case .id(let id):
            return "@id = \(literal(id))"
        case .className(let name):
            return "@class and contains(concat(' ', normalize-space(@class), ' '), \(literal(" " + name + " ")))"
        case .attributeExists(let name):
            return attribute(name)
        case .attribute(let name, let op, let value, let caseInsensitive):
            return attributeCondition(attribute(name), op, value, caseInsensitive)
        case .firstChild: return "not(preceding-sibling::*)"
        case .lastChild: return "not(following-sibling::*)"
        case .onlyChild: return "not(preceding-sibling::*) and not(following-sibling::*)"
        case .firstOfType: return "not(preceding-sibling::\(typeAxisTest(compound)))"
        case .lastOfType: return "not(following-sibling::\(typeAxisTest(compound)))"
        case .onlyOfType:
            let test = typeAxisTest(compound)
            return "not(preceding-sibling::\(test)) and not(following-sibling::\(test))"
        case .nth(let a, let b, let fromEnd, let ofType):
            let axis = (fromEnd ? "following-sibling::" : "preceding-sibling::") + (ofType ? typeAxisTest(compound) : "*")
            return nthCondition(a: a, b: b, count: "count(\(axis))")
        case .empty: return "not(*) and not(string-length())"
        case .root: return "not(parent::*)"
        case .scope: return "count(. | $scope) = 1"
        case .link: return "@href and (self::a or self::link or self::area)"
        case .visited: return "false()"
        case .checked:
            return "(self::input and (\(lowered("@type")) = 'checkbox' or \(lowered("@type")) = 'radio') and @checked) or (self::option and @selected)"
        case .disabled:
            let controls = "self::button or self::select or self::textarea or self::keygen or (self::input and not(\(lowered("@type")) = 'hidden'))"
            return "((\(controls) or self::optgroup or self::fieldset or self::command) and @disabled)"
                + " or (self::option and (@disabled or ancestor::optgroup[@disabled]))"
                + " or ((\(controls)) and ancestor::fieldset[@disabled])"
        case .enabled:
            let controls = "self::button or self::select or self::textarea or self::keygen or (self::input and not(\(lowered("@type")) = 'hidden'))"
            return "(@href and (self::a or self::link or self::area))"
                + " or ((self::optgroup or self::fieldset or self::command) and not(@disabled))"
                + " or ((\(controls)) and not(@disabled) and not(ancestor::fieldset[@disabled]))"
                + " or (self::option and not(@disabled) and not(ancestor::optgroup[@disabled]))"
        case .not(let compounds):
            return "not(" + compounds.map { "(" + booleanTest($0) + ")" }.joined(separator: " or ") + ")"
        case .isAny(let compounds):
            return compounds.map { "(" + booleanTest($0) + ")" }.joined(separator: " or ")
        case .has(let relative):
            return hasPath(relative)
        case .contains(let text):
            return "contains(., \(literal(text)))"
        case .lang(let language):
            if !html { return "lang(\(literal(language)))" }
            let prefix = language.lowercased() + "-"
            return "ancestor-or-self::*[@lang][1][starts-with(concat(\(lowered("@lang")), '-'), \(literal(prefix)))]"
        }
    }

    /// `:has()` looks forward from the element, so its selector is a plain location path.
    private func hasPath(_ relative: CSSComplexSelector) -> String {
        var text = ""
        for (index, compound) in relative.compounds.enumerated() {
            let combinator = index == 0 ? (relative.leading ?? .descendant) : relative.combinators[index - 1]
            if index > 0 { text += "/" }
            switch combinator {
            case .descendant: text += "descendant::" + nodeTest(compound)
            case .child: text += "child::" + nodeTest(compound)
            case .generalSibling: text += "following-sibling::" + nodeTest(compound)
            case .adjacentSibling:
                text += "following-sibling::*[1]"
                if let test = selfTest(compound) { text += "[" + test + "]" }
            }
            text += predicates(compound)
        }
        return text
    }

    private func nthCondition(a: Int, b: Int, count: String) -> String {
        // Position p = count + 1 must equal a*n + b for some n >= 0.
        let offset = b - 1
        if a == 0 { return offset >= 0 ? "\(count) = \(offset)" : "false()" }
        let difference = offset >= 0 ? "(\(count) - \(offset))" : "(\(count) + \(-offset))"
        if a > 0 {
            var parts: [String] = []
            if offset > 0 { parts.append("\(count) >= \(offset)") }
            if a != 1 { parts.append("\(difference) mod \(a) = 0") }
            return parts.isEmpty ? "true()" : parts.joined(separator: " and ")
        }
        if offset < 0 { return "false()" }
        var parts = ["\(count) <= \(offset)"]
        if a != -1 { parts.append("(\(offset) - \(count)) mod \(-a) = 0") }
        return parts.joined(separator: " and ")
    }

    private func attributeCondition(_ attribute: String, _ op: CSSAttributeOperator, _ rawValue: String, _ caseInsensitive: Bool) -> String {
        let subject = caseInsensitive ? lowered(attribute) : attribute
        let value = caseInsensitive ? rawValue.lowercased() : rawValue
        switch op {
        case .equals:
            return "\(subject) = \(literal(value))"
        case .notEquals:
            return "not(\(attribute)) or \(subject) != \(literal(value))"
        case .includes:
            if value.isEmpty || value.unicodeScalars.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }) {
                return "false()"
            }
            return "\(attribute) and contains(concat(' ', normalize-space(\(subject)), ' '), \(literal(" " + value + " ")))"
        case .dashMatch:
            return "\(subject) = \(literal(value)) or starts-with(\(subject), \(literal(value + "-")))"
        case .prefix:
            return value.isEmpty ? "false()" : "starts-with(\(subject), \(literal(value)))"
        case .suffix:
            guard !value.isEmpty else { return "false()" }
            let length = value.unicodeScalars.count
            return "substring(\(subject), string-length(\(subject)) - \(length - 1)) = \(literal(value))"
        case .substring:
            return value.isEmpty ? "false()" : "contains(\(subject), \(literal(value)))"
        }
    }

    private func typeAxisTest(_ compound: CSSCompoundSelector) -> String {
        // The parser only accepts the -of-type family with a type name.
        let name = compound.typeName.map(elementName) ?? "*"
        return Self.isNCName(name) ? name : "*[name() = \(literal(name))]"
    }

    private func elementName(_ name: String) -> String { html ? name.lowercased() : name }

    private func attribute(_ name: String) -> String {
        let normalized = html ? name.lowercased() : name
        return Self.isNCName(normalized) ? "@" + normalized : "@*[name() = \(literal(normalized))]"
    }

    private func lowered(_ expression: String) -> String {
        "translate(\(expression), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
    }

    /// ASCII NCNames only: anything else is matched through `name()`.
    static func isNCName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) || first == "_" else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
    }
}

/// An XPath 1.0 string literal for any text, using `concat()` when it holds both quotes.
/// Works on Unicode scalars: a quote followed by a combining mark is one `Character`, which
/// `String.contains("'")` would not find.
func literal(_ text: String) -> String {
    let scalars = text.unicodeScalars
    if !scalars.contains("'") { return "'" + text + "'" }
    if !scalars.contains("\"") { return "\"" + text + "\"" }
    let pieces = scalars.split(separator: "'", omittingEmptySubsequences: false).map { "'" + String($0) + "'" }
    return "concat(" + pieces.joined(separator: ", \"'\", ") + ")"
}
