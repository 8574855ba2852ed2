/// A compiled query: a CSS selector (compiled to XPath) or an XPath expression, ready to run
/// against any number of documents.
public struct Selector: Sendable, CustomStringConvertible {
    /// The language a selector was written in.
    public enum Language: String, Sendable {
        case css, xpath
    }

    /// The language it was written in.
    public let language: Language
    /// The selector as written.
    public let source: String
    /// The compiled expression.
    public let expression: XPathExpression

    /// Compiles a CSS selector; `html` makes element and attribute names case-insensitive.
    public init(css source: String, html: Bool = true) throws(MarkupError) {
        let list = try CSSParser.parse(source)
        let xpath = CSSXPathCompiler(html: html).compile(list)
        do {
            self.expression = try XPathExpression(xpath)
        } catch {
            // The compiler only writes valid XPath; if libxml2 disagrees, say so plainly.
            throw MarkupError(.invalidSelector, "cannot compile '\(source)': \(error.message)", source: source)
        }
        self.language = .css
        self.source = source
    }

    /// Compiles an XPath 1.0 expression.
    public init(xpath source: String) throws(MarkupError) {
        self.expression = try XPathExpression(source)
        self.language = .xpath
        self.source = source
    }

    /// The XPath the selector runs as.
    public var xpath: String { expression.source }

    /// `css:h1.title` or `xpath://h1`: the form provenance and reports use.
    public var description: String { "\(language.rawValue):\(source)" }
}

extension Selector {
    /// A selector written into the program itself; a typo in one is a programming error and
    /// stops the program with the compiler's message.
    public static func literal(css source: String) -> Selector {
        do {
            return try Selector(css: source)
        } catch {
            fatalError("built-in CSS selector does not compile: \(error.message)")
        }
    }

    /// An XPath written into the program itself (see `literal(css:)`).
    public static func literal(xpath source: String) -> Selector {
        do {
            return try Selector(xpath: source)
        } catch {
            fatalError("built-in XPath does not compile: \(error.message)")
        }
    }
}
