internal import CLibXML2

/// An XPath 1.0 expression compiled once by libxml2 and evaluated against any number of
/// documents, from any thread (libxml2's compiled expressions are read-only during
/// evaluation).
public final class XPathExpression: @unchecked Sendable, CustomStringConvertible {
    /// The expression as written.
    public let source: String
    /// Whether the expression reads `$scope`, the node a query starts from.
    public let usesScope: Bool
    let compiled: xmlXPathCompExprPtr

    /// Compiles `source`; a syntax error, an unknown function or an unknown variable is an
    /// error with its 1-based column.
    public init(_ source: String) throws(MarkupError) {
        LibXML.ensureInitialized()
        let check = XPathLexicalCheck(source)
        if let problem = check.problem {
            throw MarkupError(.invalidXPath, "\(problem.message) at column \(problem.column) in '\(source)'",
                              column: problem.column, source: source)
        }
        let (compiled, log) = LibXML.capturingErrors { xmlXPathCompile(source) }
        guard let compiled else {
            let entry = log.entries.first
            let column = (entry?.offset ?? 0) + 1
            let reason = (entry?.message ?? "invalid expression").lowercased()
            throw MarkupError(.invalidXPath, "\(reason) at column \(column) in '\(source)'", column: column, source: source)
        }
        self.source = source
        self.compiled = compiled
        self.usesScope = check.usesScope
    }

    deinit {
        xmlXPathFreeCompExpr(compiled)
    }

    public var description: String { source }
}

/// What an XPath expression evaluated to.
public enum XPathValue {
    /// Nodes in document order.
    case nodes([HTMLNode])
    case string(String)
    case number(Double)
    case boolean(Bool)
}

extension HTMLDocument {
    /// Evaluates `expression` with `context` (default: the document node) as the context node
    /// and as `$scope`.
    public func evaluate(_ expression: XPathExpression, from context: HTMLNode? = nil) throws(MarkupError) -> XPathValue {
        let contextNode = context?.pointer ?? documentNode.pointer
        let xpath = xpathContext
        xpath.pointee.node = contextNode
        if expression.usesScope {
            xmlXPathRegisterVariable(xpath, "scope", xmlXPathNewNodeSet(contextNode))
        }
        let (result, log) = LibXML.capturingErrors { xmlXPathCompiledEval(expression.compiled, xpath) }
        guard let result else {
            let reason = (log.firstMessage ?? "evaluation failed").lowercased()
            throw MarkupError(.evaluationFailed, "\(reason) in '\(expression.source)'", source: expression.source)
        }
        defer { xmlXPathFreeObject(result) }
        switch result.pointee.type {
        case XPATH_NODESET:
            guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0 else { return .nodes([]) }
            xmlXPathNodeSetSort(set)
            var nodes: [HTMLNode] = []
            nodes.reserveCapacity(Int(set.pointee.nodeNr))
            for index in 0..<Int(set.pointee.nodeNr) {
                guard let node = set.pointee.nodeTab[index] else { continue }
                // Namespace nodes are xmlNs structures in disguise; they have no place here.
                if node.pointee.type == XML_NAMESPACE_DECL {
                    throw MarkupError(.evaluationFailed, "namespace nodes are not supported in '\(expression.source)'",
                                      source: expression.source)
                }
                nodes.append(HTMLNode(document: self, pointer: node))
            }
            return .nodes(nodes)
        case XPATH_STRING:
            return .string(result.pointee.stringval.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) } ?? "")
        case XPATH_NUMBER:
            return .number(result.pointee.floatval)
        case XPATH_BOOLEAN:
            return .boolean(result.pointee.boolval != 0)
        default:
            throw MarkupError(.evaluationFailed, "unsupported XPath result type in '\(expression.source)'", source: expression.source)
        }
    }

    /// The nodes `selector` selects below (and including) `context`, in document order.
    public func select(_ selector: Selector, from context: HTMLNode? = nil) throws(MarkupError) -> [HTMLNode] {
        switch try evaluate(selector.expression, from: context) {
        case .nodes(let nodes): return nodes
        default:
            throw MarkupError(.evaluationFailed, "'\(selector.source)' does not select nodes", source: selector.source)
        }
    }
}

/// The checks libxml2 only makes when an expression runs — unknown functions and
/// variables — made when it is compiled, by a scan of the expression's tokens.
struct XPathLexicalCheck {
    struct Problem {
        var message: String
        var column: Int
    }

    private(set) var problem: Problem?
    private(set) var usesScope = false

    static let functions: Set<String> = [
        "last", "position", "count", "id", "local-name", "namespace-uri", "name", "string", "concat",
        "starts-with", "contains", "substring-before", "substring-after", "substring", "string-length",
        "normalize-space", "translate", "boolean", "not", "true", "false", "lang", "number", "sum", "floor",
        "ceiling", "round", "escape-uri",
    ]
    static let nodeTypes: Set<String> = ["node", "text", "comment", "processing-instruction"]
    static let operators: Set<String> = ["and", "or", "div", "mod"]

    init(_ source: String) {
        let scalars = Array(source.unicodeScalars)
        var index = 0
        func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" || scalar == "."
        }
        while index < scalars.count, problem == nil {
            let scalar = scalars[index]
            if scalar == "\"" || scalar == "'" {
                index += 1
                while index < scalars.count, scalars[index] != scalar { index += 1 }
                index += 1
                continue
            }
            if scalar == "$" {
                let start = index + 1
                index += 1
                while index < scalars.count, isNameScalar(scalars[index]) { index += 1 }
                let name = String(String.UnicodeScalarView(scalars[start..<index]))
                if name == "scope" {
                    usesScope = true
                } else {
                    problem = Problem(message: "unknown variable '$\(name)'", column: start)
                }
                continue
            }
            if scalar.properties.isAlphabetic || scalar == "_" {
                let start = index
                while index < scalars.count, isNameScalar(scalars[index]) { index += 1 }
                let name = String(String.UnicodeScalarView(scalars[start..<index]))
                var lookahead = index
                while lookahead < scalars.count, scalars[lookahead] == " " { lookahead += 1 }
                let isCall = lookahead < scalars.count && scalars[lookahead] == "("
                let precededByAxisOrAttribute = start > 0 && (scalars[start - 1] == "@")
                if isCall, !precededByAxisOrAttribute, !Self.nodeTypes.contains(name), !Self.functions.contains(name),
                   !Self.operators.contains(name) {
                    problem = Problem(message: "unknown function '\(name)()'", column: start + 1)
                }
                continue
            }
            index += 1
        }
    }
}
