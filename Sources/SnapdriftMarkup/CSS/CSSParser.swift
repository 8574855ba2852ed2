/// Parses CSS selectors (Selectors Level 3, plus `:has()`, `:is()`, `:where()`, the `i`
/// attribute flag and the scraper extensions `:contains()` and `[a!=v]`) into
/// `CSSSelectorList`. Errors name the 1-based column: `unexpected ')' at column 14 in
/// 'div > :not(p))'`.
struct CSSParser {
    private let source: String
    private let scalars: [Unicode.Scalar]
    private var cursor = 0
    private var notDepth = 0

    init(_ source: String) {
        self.source = source
        self.scalars = Array(source.unicodeScalars)
    }

    static func parse(_ source: String) throws(MarkupError) -> CSSSelectorList {
        var parser = CSSParser(source)
        if let offset = parser.scalars.firstIndex(where: { !isXMLCharacter($0) }) {
            let value = String(parser.scalars[offset].value, radix: 16, uppercase: true)
            throw parser.error("control character U+\(value) cannot appear in a selector (XPath 1.0 cannot match it)", atOffset: offset)
        }
        return try parser.parseList()
    }

    // MARK: Grammar

    private mutating func parseList() throws(MarkupError) -> CSSSelectorList {
        var selectors: [CSSComplexSelector] = []
        while true {
            skipWhitespace()
            selectors.append(try parseComplex(relative: false))
            skipWhitespace()
            let token = try next()
            switch token.kind {
            case .eof: return CSSSelectorList(selectors: selectors)
            case .delim(","): continue
            default: throw unexpected(token)
            }
        }
    }

    private mutating func parseComplex(relative: Bool) throws(MarkupError) -> CSSComplexSelector {
        var leading: CSSCombinator?
        if relative {
            skipWhitespace()
            if let combinator = try peekCombinator() {
                _ = try next()
                leading = combinator
                skipWhitespace()
            }
        }
        guard let first = try parseCompound(allowScope: !relative) else { throw unexpected(try peek()) }
        var compounds = [first]
        var combinators: [CSSCombinator] = []
        while true {
            let beforeWhitespace = cursor
            let sawWhitespace = skipWhitespace()
            if let combinator = try peekCombinator() {
                _ = try next()
                skipWhitespace()
                guard let compound = try parseCompound(allowScope: false) else { throw unexpected(try peek()) }
                combinators.append(combinator)
                compounds.append(compound)
            } else if sawWhitespace, let compound = try parseCompound(allowScope: false) {
                combinators.append(.descendant)
                compounds.append(compound)
            } else {
                cursor = beforeWhitespace
                return CSSComplexSelector(leading: leading, compounds: compounds, combinators: combinators)
            }
        }
    }

    private mutating func peekCombinator() throws(MarkupError) -> CSSCombinator? {
        switch try peek().kind {
        case .delim(">"): return .child
        case .delim("+"): return .adjacentSibling
        case .delim("~"):
            // `~=` only occurs inside brackets, so a `~` here is always the combinator.
            return .generalSibling
        default: return nil
        }
    }

    /// One compound selector, or nil when the next token cannot start one.
    private mutating func parseCompound(allowScope: Bool) throws(MarkupError) -> CSSCompoundSelector? {
        var compound = CSSCompoundSelector(typeName: nil, filters: [])
        var sawType = false
        let first = try peek()
        switch first.kind {
        case .ident(let name):
            _ = try next()
            compound.typeName = name
            sawType = true
        case .delim("*"):
            _ = try next()
            sawType = true
        default:
            break
        }
        if case .delim("|") = try peek().kind {
            let bar = try next()
            throw error("namespace prefixes are not supported", at: bar)
        }
        loop: while true {
            let token = try peek()
            switch token.kind {
            case .hash(let name):
                _ = try next()
                compound.filters.append(.id(name))
            case .delim("."):
                _ = try next()
                let name = try next()
                guard case .ident(let className) = name.kind else { throw unexpected(name, expecting: "a class name") }
                compound.filters.append(.className(className))
            case .delim("["):
                _ = try next()
                compound.filters.append(try parseAttribute())
            case .delim(":"):
                _ = try next()
                compound.filters.append(try parsePseudo(hasType: compound.typeName != nil, allowScope: allowScope))
            default:
                break loop
            }
        }
        if !sawType && compound.filters.isEmpty { return nil }
        return compound
    }

    private mutating func parseAttribute() throws(MarkupError) -> CSSFilter {
        skipWhitespace()
        let nameToken = try next()
        guard case .ident(let name) = nameToken.kind else { throw unexpected(nameToken, expecting: "an attribute name") }
        if case .delim("|") = try peek().kind, !nextIsEquals(after: 1) {
            let bar = try next()
            throw error("namespace prefixes are not supported", at: bar)
        }
        skipWhitespace()
        let operatorToken = try next()
        let op: CSSAttributeOperator
        switch operatorToken.kind {
        case .delim("]"):
            return .attributeExists(name)
        case .delim("="):
            op = .equals
        case .delim(let scalar) where "~|^$*!".unicodeScalars.contains(scalar) && nextIsEquals(after: 0):
            _ = try next()
            op = CSSAttributeOperator(rawValue: String(scalar) + "=")!
        default:
            throw unexpected(operatorToken, expecting: "an attribute operator or ']'")
        }
        skipWhitespace()
        let valueToken = try next()
        let value: String
        switch valueToken.kind {
        case .ident(let text), .string(let text): value = text
        default: throw unexpected(valueToken, expecting: "a string or an identifier")
        }
        skipWhitespace()
        var caseInsensitive = false
        if case .ident(let flag) = try peek().kind, flag.lowercased() == "i" || flag.lowercased() == "s" {
            _ = try next()
            caseInsensitive = flag.lowercased() == "i"
            skipWhitespace()
        }
        let close = try next()
        guard case .delim("]") = close.kind else { throw unexpected(close, expecting: "']'") }
        return .attribute(name: name, op: op, value: value, caseInsensitive: caseInsensitive)
    }

    private static let pseudoElements: Set<String> = ["before", "after", "first-line", "first-letter", "selection", "marker", "placeholder"]

    private mutating func parsePseudo(hasType: Bool, allowScope: Bool) throws(MarkupError) -> CSSFilter {
        let token = try next()
        switch token.kind {
        case .delim(":"):
            throw error("pseudo-elements are not supported (use the spec's `attr:` to read attributes)", at: token)
        case .ident(let rawName):
            let name = rawName.lowercased()
            switch name {
            case "first-child": return .firstChild
            case "last-child": return .lastChild
            case "only-child": return .onlyChild
            case "first-of-type", "last-of-type", "only-of-type":
                guard hasType else { throw error("':\(name)' needs an element type, as in 'p:\(name)'", at: token) }
                return name == "first-of-type" ? .firstOfType : name == "last-of-type" ? .lastOfType : .onlyOfType
            case "empty": return .empty
            case "root": return .root
            case "link", "any-link": return .link
            case "visited": return .visited
            case "checked": return .checked
            case "enabled": return .enabled
            case "disabled": return .disabled
            case "scope":
                guard allowScope else { throw error("':scope' can only start a selector", at: token) }
                return .scope
            default:
                if Self.pseudoElements.contains(name) {
                    throw error("pseudo-element ':\(rawName)' is not supported", at: token)
                }
                throw error("unknown pseudo-class ':\(rawName)'", at: token)
            }
        case .function(let rawName):
            let name = rawName.lowercased()
            switch name {
            case "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type":
                let ofType = name.hasSuffix("of-type")
                if ofType, !hasType { throw error("':\(name)()' needs an element type, as in 'p:\(name)(2)'", at: token) }
                let (a, b) = try parseNth(after: token, name: name)
                return .nth(a: a, b: b, fromEnd: name.contains("last"), ofType: ofType)
            case "not":
                guard notDepth == 0 else { throw error("nested :not() is not supported", at: token) }
                notDepth += 1
                defer { notDepth -= 1 }
                return .not(try parseCompoundArguments())
            case "is", "where", "matches", "any":
                return .isAny(try parseCompoundArguments())
            case "has":
                skipWhitespace()
                if case .delim(")") = try peek().kind { throw unexpected(try next(), expecting: "a selector") }
                let relative = try parseComplex(relative: true)
                skipWhitespace()
                let close = try next()
                guard case .delim(")") = close.kind else { throw unexpected(close, expecting: "')'") }
                return .has(relative)
            case "contains", "lang":
                skipWhitespace()
                let argument = try next()
                let text: String
                switch argument.kind {
                case .ident(let value), .string(let value): text = value
                default: throw unexpected(argument, expecting: "a string")
                }
                skipWhitespace()
                let close = try next()
                guard case .delim(")") = close.kind else { throw unexpected(close, expecting: "')'") }
                return name == "contains" ? .contains(text) : .lang(text)
            default:
                throw error("unknown pseudo-class ':\(rawName)()'", at: token)
            }
        default:
            throw unexpected(token, expecting: "a pseudo-class name")
        }
    }

    private mutating func parseCompoundArguments() throws(MarkupError) -> [CSSCompoundSelector] {
        var compounds: [CSSCompoundSelector] = []
        while true {
            skipWhitespace()
            guard let compound = try parseCompound(allowScope: false) else { throw unexpected(try peek(), expecting: "a selector") }
            compounds.append(compound)
            skipWhitespace()
            let token = try next()
            switch token.kind {
            case .delim(")"): return compounds
            case .delim(","): continue
            default: throw unexpected(token)
            }
        }
    }

    /// The `an+b` argument of the `:nth-*` family, read from the raw text up to `)`.
    private mutating func parseNth(after token: CSSToken, name: String) throws(MarkupError) -> (Int, Int) {
        let start = cursor
        while cursor < scalars.count, scalars[cursor] != ")" { cursor += 1 }
        guard cursor < scalars.count else {
            throw error("unexpected end of selector, expected ')'", atOffset: cursor)
        }
        let raw = String(String.UnicodeScalarView(scalars[start..<cursor]))
        cursor += 1
        guard let parsed = Self.parseAnPlusB(raw) else {
            throw error("invalid argument '\(raw.trimmingASCIIWhitespace())' for :\(name)()", atOffset: start)
        }
        return parsed
    }

    /// `odd`, `even`, `5`, `-n+3`, `2n + 1`, ...; nil when it is none of these.
    static func parseAnPlusB(_ raw: String) -> (Int, Int)? {
        let text = raw.trimmingASCIIWhitespace().lowercased()
        if text == "odd" { return (2, 1) }
        if text == "even" { return (2, 0) }
        func integer(_ digits: Substring) -> Int? {
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(digits)
        }
        guard let nIndex = text.firstIndex(of: "n") else {
            var body = Substring(text)
            var sign = 1
            if body.first == "+" || body.first == "-" {
                sign = body.first == "-" ? -1 : 1
                body = body.dropFirst()
            }
            return integer(body).map { (0, sign * $0) }
        }
        let coefficient = text[..<nIndex]
        let a: Int
        switch coefficient {
        case "", "+": a = 1
        case "-": a = -1
        default:
            var body = coefficient
            var sign = 1
            if body.first == "+" || body.first == "-" {
                sign = body.first == "-" ? -1 : 1
                body = body.dropFirst()
            }
            guard let value = integer(body) else { return nil }
            a = sign * value
        }
        let rest = text[text.index(after: nIndex)...].filter { $0 != " " && $0 != "\t" && $0 != "\n" }
        if rest.isEmpty { return (a, 0) }
        guard let sign = rest.first, sign == "+" || sign == "-", let value = integer(Substring(rest.dropFirst())) else { return nil }
        return (a, sign == "-" ? -value : value)
    }

    // MARK: Tokens

    private func nextIsEquals(after skip: Int) -> Bool {
        // `cursor` sits after the current delimiter when called with 0, before it with 1.
        let index = cursor + skip
        return index < scalars.count && scalars[index] == "="
    }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        var skipped = false
        while cursor < scalars.count {
            if Self.isWhitespace(scalars[cursor]) {
                cursor += 1
                skipped = true
            } else if scalars[cursor] == "/", cursor + 1 < scalars.count, scalars[cursor + 1] == "*" {
                var index = cursor + 2
                while index + 1 < scalars.count, !(scalars[index] == "*" && scalars[index + 1] == "/") { index += 1 }
                cursor = min(index + 2, scalars.count)
            } else {
                break
            }
        }
        return skipped
    }

    private mutating func peek() throws(MarkupError) -> CSSToken {
        let saved = cursor
        defer { cursor = saved }
        return try next()
    }

    private mutating func next() throws(MarkupError) -> CSSToken {
        let start = cursor
        guard cursor < scalars.count else { return CSSToken(kind: .eof, start: start) }
        let scalar = scalars[cursor]
        if Self.isWhitespace(scalar) {
            skipWhitespace()
            return CSSToken(kind: .whitespace, start: start)
        }
        if scalar == "\"" || scalar == "'" {
            return CSSToken(kind: .string(try readString(quote: scalar)), start: start)
        }
        if scalar == "#", cursor + 1 < scalars.count, isNameScalar(at: cursor + 1) {
            cursor += 1
            return CSSToken(kind: .hash(try readName()), start: start)
        }
        if startsIdentifier(at: cursor) {
            let name = try readName()
            if cursor < scalars.count, scalars[cursor] == "(" {
                cursor += 1
                return CSSToken(kind: .function(name), start: start)
            }
            return CSSToken(kind: .ident(name), start: start)
        }
        cursor += 1
        return CSSToken(kind: .delim(scalar), start: start)
    }

    /// XML 1.0's `Char`: what an XPath 1.0 literal can hold and a parsed page can contain.
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
    }

    private func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar.value >= 0x80
    }

    private func isNameScalar(at index: Int) -> Bool {
        let scalar = scalars[index]
        if isNameStart(scalar) || ("0"..."9").contains(scalar) || scalar == "-" { return true }
        return isEscape(at: index)
    }

    private func isEscape(at index: Int) -> Bool {
        scalars[index] == "\\" && index + 1 < scalars.count && scalars[index + 1] != "\n"
    }

    private func startsIdentifier(at index: Int) -> Bool {
        var index = index
        if scalars[index] == "-" {
            index += 1
            guard index < scalars.count else { return false }
            if scalars[index] == "-" { return true }
        }
        return isNameStart(scalars[index]) || isEscape(at: index)
    }

    private mutating func readName() throws(MarkupError) -> String {
        var name = String.UnicodeScalarView()
        while cursor < scalars.count, isNameScalar(at: cursor) {
            if scalars[cursor] == "\\" {
                name.append(try readEscape())
            } else {
                name.append(scalars[cursor])
                cursor += 1
            }
        }
        return String(name)
    }

    /// `\` followed by up to six hex digits (and one optional white space), or by any other
    /// character, which then stands for itself. An escape of a character XPath 1.0 cannot
    /// hold (a control character) is an error.
    private mutating func readEscape() throws(MarkupError) -> Unicode.Scalar {
        let start = cursor
        let scalar = readEscapedScalar()
        guard Self.isXMLCharacter(scalar) else {
            throw error("the escape stands for U+\(String(scalar.value, radix: 16, uppercase: true)), which XPath 1.0 cannot match", atOffset: start)
        }
        return scalar
    }

    private mutating func readEscapedScalar() -> Unicode.Scalar {
        cursor += 1
        var hex = ""
        while cursor < scalars.count, hex.count < 6, scalars[cursor].properties.isASCIIHexDigit {
            hex.unicodeScalars.append(scalars[cursor])
            cursor += 1
        }
        if hex.isEmpty {
            let scalar = scalars[cursor]
            cursor += 1
            return scalar
        }
        if cursor < scalars.count, Self.isWhitespace(scalars[cursor]) { cursor += 1 }
        guard let value = UInt32(hex, radix: 16), value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    private mutating func readString(quote: Unicode.Scalar) throws(MarkupError) -> String {
        let start = cursor
        cursor += 1
        var text = String.UnicodeScalarView()
        while cursor < scalars.count {
            let scalar = scalars[cursor]
            if scalar == quote {
                cursor += 1
                return String(text)
            }
            if scalar == "\\" {
                if cursor + 1 < scalars.count, scalars[cursor + 1] == "\n" {
                    cursor += 2
                    continue
                }
                if cursor + 1 >= scalars.count { break }
                text.append(try readEscape())
                continue
            }
            if scalar == "\n" { break }
            text.append(scalar)
            cursor += 1
        }
        throw error("unclosed string", atOffset: start)
    }

    // MARK: Errors

    private func unexpected(_ token: CSSToken, expecting: String? = nil) -> MarkupError {
        let what: String
        switch token.kind {
        case .eof: what = "unexpected end of selector"
        case .whitespace: what = "unexpected white space"
        default: what = "unexpected '\(String(String.UnicodeScalarView(scalars[token.start..<max(token.start + 1, min(cursorAfter(token), scalars.count))])))'"
        }
        let message = expecting.map { "\(what), expected \($0)" } ?? what
        return error(message, atOffset: token.start)
    }

    /// The end offset of a token, re-read from its start (tokens do not store it).
    private func cursorAfter(_ token: CSSToken) -> Int {
        var copy = self
        copy.cursor = token.start
        do {
            _ = try copy.next()
        } catch {
            return token.start + 1
        }
        return copy.cursor
    }

    private func error(_ message: String, at token: CSSToken) -> MarkupError {
        error(message, atOffset: token.start)
    }

    private func error(_ message: String, atOffset offset: Int) -> MarkupError {
        let column = offset + 1
        return MarkupError(.invalidSelector, "\(message) at column \(column) in '\(source)'", column: column, source: source)
    }
}

struct CSSToken {
    enum Kind: Equatable {
        case ident(String)
        case function(String)
        case hash(String)
        case string(String)
        case delim(Unicode.Scalar)
        case whitespace
        case eof
    }

    var kind: Kind
    /// 0-based offset in Unicode scalars.
    var start: Int
}
