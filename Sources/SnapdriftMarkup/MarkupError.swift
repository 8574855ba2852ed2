/// The one error type of the markup module: a failed parse, an invalid selector or XPath,
/// or a failed evaluation.
public struct MarkupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in a form code can switch over.
    public enum Code: String, Sendable, Equatable {
        /// The input held no markup at all (empty, or nothing libxml2 could build a tree from).
        case emptyDocument
        /// libxml2 could not build a document.
        case parseFailed
        /// A CSS selector that does not parse or cannot be compiled to XPath 1.0.
        case invalidSelector
        /// An XPath expression that libxml2 rejects.
        case invalidXPath
        /// An XPath expression that compiled but failed on a document.
        case evaluationFailed
        /// A declared character encoding that cannot be decoded.
        case unsupportedEncoding
    }

    /// The kind of failure.
    public let code: Code
    /// A one-line explanation, already carrying the position where there is one.
    public let message: String
    /// The 1-based column inside `source` where the problem starts, for selectors and XPath.
    public let column: Int?
    /// The selector or expression the error is about.
    public let source: String?

    /// Creates an error; `message` should read as a complete sentence fragment.
    public init(_ code: Code, _ message: String, column: Int? = nil, source: String? = nil) {
        self.code = code
        self.message = message
        self.column = column
        self.source = source
    }

    public var description: String { message }
}
