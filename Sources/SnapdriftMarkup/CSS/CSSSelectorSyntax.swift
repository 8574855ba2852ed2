/// The parsed form of a CSS selector list; see `CSSParser` for the grammar.
struct CSSSelectorList: Equatable {
    var selectors: [CSSComplexSelector]
}

/// Compounds joined by combinators: `div.a > p + span`.
struct CSSComplexSelector: Equatable {
    /// The combinator before the first compound, for the relative selectors of `:has()`.
    var leading: CSSCombinator?
    var compounds: [CSSCompoundSelector]
    /// `combinators[i]` joins `compounds[i]` and `compounds[i + 1]`.
    var combinators: [CSSCombinator]
}

enum CSSCombinator: Equatable {
    case descendant, child, adjacentSibling, generalSibling
}

/// One element test: an optional type and any number of filters: `li.c#x[a]:first-child`.
struct CSSCompoundSelector: Equatable {
    /// The element name; nil for `*` or no type.
    var typeName: String?
    var filters: [CSSFilter]

    var isUniversal: Bool { typeName == nil && filters.isEmpty }
}

enum CSSAttributeOperator: String, Equatable {
    case equals = "=", includes = "~=", dashMatch = "|=", prefix = "^=", suffix = "$=", substring = "*=", notEquals = "!="
}

indirect enum CSSFilter: Equatable {
    case id(String)
    case className(String)
    case attributeExists(String)
    case attribute(name: String, op: CSSAttributeOperator, value: String, caseInsensitive: Bool)
    case firstChild, lastChild, onlyChild
    case firstOfType, lastOfType, onlyOfType
    /// `:nth-child(an+b)` and its three siblings.
    case nth(a: Int, b: Int, fromEnd: Bool, ofType: Bool)
    case empty, root, scope, link, visited, checked, enabled, disabled
    case not([CSSCompoundSelector])
    case isAny([CSSCompoundSelector])
    case has(CSSComplexSelector)
    case contains(String)
    case lang(String)
}
