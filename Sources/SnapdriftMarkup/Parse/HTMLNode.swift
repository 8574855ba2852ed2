internal import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One node of a parsed document: an element, an attribute, a text node, or the document.
///
/// A node keeps its document alive; like the document, it is used from one thread.
public struct HTMLNode: Hashable {
    /// The document this node belongs to.
    public let document: HTMLDocument
    let pointer: xmlNodePtr

    init(document: HTMLDocument, pointer: xmlNodePtr) {
        self.document = document
        self.pointer = pointer
    }

    public static func == (lhs: HTMLNode, rhs: HTMLNode) -> Bool { lhs.pointer == rhs.pointer }
    public func hash(into hasher: inout Hasher) { hasher.combine(pointer) }

    /// The kinds of node a query can return.
    public enum Kind: String, Sendable {
        case element, attribute, text, comment, processingInstruction, document, other
    }

    /// What kind of node this is.
    public var kind: Kind {
        switch pointer.pointee.type {
        case XML_ELEMENT_NODE: return .element
        case XML_ATTRIBUTE_NODE: return .attribute
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: return .text
        case XML_COMMENT_NODE: return .comment
        case XML_PI_NODE: return .processingInstruction
        case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE: return .document
        default: return .other
        }
    }

    /// The element or attribute name (lower case in HTML), `#text` for text.
    public var name: String {
        switch kind {
        case .text: return "#text"
        case .comment: return "#comment"
        case .document: return "#document"
        default: return pointer.pointee.name.map { String(cString: $0) } ?? ""
        }
    }

    /// The parent node (an element or the document); nil for the document itself.
    public var parent: HTMLNode? {
        pointer.pointee.parent.map { HTMLNode(document: document, pointer: $0) }
    }

    /// The element children, in document order.
    public var elementChildren: [HTMLNode] {
        var result: [HTMLNode] = []
        var child = pointer.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(HTMLNode(document: document, pointer: current)) }
            child = current.pointee.next
        }
        return result
    }

    /// The element's attributes in source order; an attribute node has none.
    public var attributes: [(name: String, value: String)] {
        guard pointer.pointee.type == XML_ELEMENT_NODE else { return [] }
        var result: [(name: String, value: String)] = []
        var attribute = pointer.pointee.properties
        while let current = attribute {
            let name = current.pointee.name.map { String(cString: $0) } ?? ""
            result.append((name, Self.attributeValue(current)))
            attribute = current.pointee.next
        }
        return result
    }

    /// The value of the attribute `name` (matched exactly; HTML names are lower case).
    public func attribute(_ name: String) -> String? {
        guard pointer.pointee.type == XML_ELEMENT_NODE else { return nil }
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name, strcmp(UnsafeRawPointer(attributeName).assumingMemoryBound(to: CChar.self), name) == 0 {
                return Self.attributeValue(current)
            }
            attribute = current.pointee.next
        }
        return nil
    }

    private static func attributeValue(_ attribute: xmlAttrPtr) -> String {
        var bytes: [UInt8] = []
        var child = attribute.pointee.children
        while let current = child {
            if let content = current.pointee.content { appendCString(content, to: &bytes) }
            child = current.pointee.next
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The node's position in the form libxml2's `xmlGetNodePath` writes: `/html/body/div[2]/h1`
    /// (an index only where a sibling shares the name). Built here in one pass up the tree:
    /// `xmlGetNodePath` re-copies the whole path at every level, quadratic on deep pages.
    public var path: String {
        var components: [String] = []
        var node: xmlNodePtr? = pointer
        while let current = node {
            switch current.pointee.type {
            case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE:
                node = nil
                continue
            case XML_ELEMENT_NODE:
                let name = current.pointee.name.map { String(cString: $0) } ?? ""
                components.append(name + Self.siblingIndex(current) { $0.pointee.type == XML_ELEMENT_NODE && xmlStrEqual($0.pointee.name, current.pointee.name) != 0 })
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                components.append("text()" + Self.siblingIndex(current) { $0.pointee.type == XML_TEXT_NODE || $0.pointee.type == XML_CDATA_SECTION_NODE })
            case XML_COMMENT_NODE:
                components.append("comment()" + Self.siblingIndex(current) { $0.pointee.type == XML_COMMENT_NODE })
            case XML_ATTRIBUTE_NODE:
                components.append("@" + (current.pointee.name.map { String(cString: $0) } ?? ""))
            default:
                components.append("node()")
            }
            node = current.pointee.parent
        }
        return components.isEmpty ? "/" : "/" + components.reversed().joined(separator: "/")
    }

    /// `[n]` when a sibling passes `isSame`, else nothing.
    private static func siblingIndex(_ node: xmlNodePtr, _ isSame: (xmlNodePtr) -> Bool) -> String {
        var position = 1
        var sibling = node.pointee.prev
        while let current = sibling {
            if isSame(current) { position += 1 }
            sibling = current.pointee.prev
        }
        if position > 1 { return "[\(position)]" }
        sibling = node.pointee.next
        while let current = sibling {
            if isSame(current) { return "[1]" }
            sibling = current.pointee.next
        }
        return ""
    }

    /// Every element below this node (and the node itself when it is an element), in
    /// document order. Iterative, so 100,000 levels of nesting cost no stack.
    public func forEachElement(_ body: (HTMLNode) throws -> Void) rethrows {
        let root = pointer
        var node: xmlNodePtr? = root
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE { try body(HTMLNode(document: document, pointer: current)) }
            if let child = current.pointee.children, current.pointee.type == XML_ELEMENT_NODE || current == root {
                node = child
                continue
            }
            var climb: xmlNodePtr? = current
            node = nil
            while let step = climb, step != root {
                if let next = step.pointee.next {
                    node = next
                    break
                }
                climb = step.pointee.parent
            }
        }
    }
}

func appendCString(_ pointer: UnsafePointer<xmlChar>, to bytes: inout [UInt8]) {
    let length = strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    bytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: length))
}

extension HTMLNode {
    /// Every child node (elements, text, comments …), in document order.
    public var childNodes: [HTMLNode] {
        var result: [HTMLNode] = []
        var child = pointer.pointee.children
        while let current = child {
            result.append(HTMLNode(document: document, pointer: current))
            child = current.pointee.next
        }
        return result
    }

    /// The next sibling that is an element.
    public var nextElementSibling: HTMLNode? {
        var sibling = pointer.pointee.next
        while let current = sibling {
            if current.pointee.type == XML_ELEMENT_NODE { return HTMLNode(document: document, pointer: current) }
            sibling = current.pointee.next
        }
        return nil
    }
}
