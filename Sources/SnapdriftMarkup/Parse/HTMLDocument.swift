internal import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// What the caller knows about a page besides its bytes.
public struct HTMLParseOptions: Sendable, Equatable {
    /// The HTTP `Content-Type` the page was served with (a fixture's sidecar); its `charset`
    /// wins over `<meta charset>`.
    public var contentType: String?
    /// The page's URL, recorded as the document URL.
    public var url: String?

    public init(contentType: String? = nil, url: String? = nil) {
        self.contentType = contentType
        self.url = url
    }
}

/// A parsed HTML (or XML) document, owned by this object and freed when it goes away.
///
/// A document is used from one thread at a time; parse one per task. Nodes handed out keep
/// the document alive.
public final class HTMLDocument {
    let pointer: xmlDocPtr
    /// Whether the document came from the XML parser (names are then case-sensitive).
    public let isXML: Bool
    /// The encoding the bytes were decoded with and where it was learnt.
    public let encoding: SniffedEncoding
    /// How many errors libxml2's recovering parser reported (none are printed).
    public let parseErrorCount: Int
    /// The first few parser error messages, with their lines.
    public let parseErrorSamples: [String]
    /// Repairs made to the bytes before parsing (NUL bytes, undecodable sequences), as
    /// sentences; empty when the page was clean.
    public let repairs: [String]
    private var xpathContextPointer: xmlXPathContextPtr?

    /// Parses HTML with libxml2's HTML parser in recover mode, never touching the network.
    ///
    /// The bytes are first decoded to UTF-8 (BOM, the caller's `Content-Type`, `<meta>`,
    /// else UTF-8), undecodable sequences and NUL bytes replaced with U+FFFD: libxml2 2.9
    /// silently drops everything after a NUL, and switches to Latin-1 at the first invalid
    /// UTF-8 byte.
    public init(html bytes: [UInt8], options: HTMLParseOptions = HTMLParseOptions()) throws(MarkupError) {
        LibXML.ensureInitialized()
        let prepared = try PreparedInput(bytes, contentType: options.contentType)
        guard prepared.bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            throw MarkupError(.emptyDocument, "the page is empty")
        }
        // XML_PARSE_HUGE lifts libxml2's depth limit of 256, past which it silently drops the
        // rest of the page, and its 10 MB limit on one text or attribute value; page size is
        // bounded by the caller instead.
        let flags = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
            | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NOWARNING.rawValue | XML_PARSE_HUGE.rawValue)
        let (document, log) = LibXML.capturingErrors {
            prepared.bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    htmlReadMemory(chars.baseAddress, Int32(chars.count), options.url, "UTF-8", flags)
                }
            }
        }
        guard let document else {
            throw MarkupError(.parseFailed, "libxml2 could not parse the page: \(log.firstMessage ?? "no document")")
        }
        guard xmlDocGetRootElement(document) != nil else {
            xmlFreeDoc(document)
            throw MarkupError(.emptyDocument, "the page has no elements")
        }
        self.pointer = document
        self.isXML = false
        self.encoding = prepared.encoding
        self.parseErrorCount = log.errorCount
        self.parseErrorSamples = log.entries.map { "line \($0.line): \($0.message)" }
        self.repairs = prepared.repairs
    }

    /// Parses XML (feeds, XHTML served as XML) without loading DTDs, external entities or
    /// anything from the network.
    public init(xml bytes: [UInt8], options: HTMLParseOptions = HTMLParseOptions()) throws(MarkupError) {
        LibXML.ensureInitialized()
        let flags = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue)
        let (document, log) = LibXML.capturingErrors {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    xmlReadMemory(chars.baseAddress, Int32(chars.count), options.url, nil, flags)
                }
            }
        }
        guard let document, xmlDocGetRootElement(document) != nil else {
            if let document { xmlFreeDoc(document) }
            throw MarkupError(.parseFailed, "libxml2 could not parse the XML: \(log.firstMessage ?? "no root element")")
        }
        self.pointer = document
        self.isXML = true
        self.encoding = SniffedEncoding(label: "utf-8", source: .defaulted)
        self.parseErrorCount = log.errorCount
        self.parseErrorSamples = log.entries.map { "line \($0.line): \($0.message)" }
        self.repairs = []
    }

    deinit {
        if let xpathContextPointer { xmlXPathFreeContext(xpathContextPointer) }
        xmlFreeDoc(pointer)
    }

    /// The document node: the context for document-wide queries.
    public var documentNode: HTMLNode {
        HTMLNode(document: self, pointer: UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: xmlNode.self))
    }

    /// The root element (`<html>` for HTML).
    public var rootElement: HTMLNode? {
        xmlDocGetRootElement(pointer).map { HTMLNode(document: self, pointer: $0) }
    }

    /// The `href` of the page's `<base>` element (in `<head>`, where libxml2 puts it).
    public var baseHref: String? {
        guard !isXML, let root = rootElement,
              let head = root.elementChildren.first(where: { $0.name == "head" }),
              let base = head.elementChildren.first(where: { $0.name == "base" && $0.attribute("href") != nil }) else {
            return nil
        }
        return base.attribute("href")
    }

    /// The document type declaration: its name and public and system identifiers.
    public var doctype: (name: String, publicID: String?, systemID: String?)? {
        guard let subset = pointer.pointee.intSubset else { return nil }
        func text(_ value: UnsafePointer<xmlChar>?) -> String? {
            value.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        }
        return (text(subset.pointee.name) ?? "", text(subset.pointee.ExternalID), text(subset.pointee.SystemID))
    }

    var xpathContext: xmlXPathContextPtr {
        if let xpathContextPointer { return xpathContextPointer }
        let context = xmlXPathNewContext(pointer)!
        xpathContextPointer = context
        return context
    }
}

/// Page bytes decoded to clean UTF-8 for libxml2.
private struct PreparedInput {
    var bytes: [UInt8]
    var encoding: SniffedEncoding
    var repairs: [String] = []

    init(_ original: [UInt8], contentType: String?) throws(MarkupError) {
        let (encoding, bomLength) = original.withUnsafeBufferPointer { EncodingSniffer.sniff($0, contentType: contentType) }
        self.encoding = encoding
        if encoding.label == "utf-8" {
            let body = bomLength == 0 ? original : Array(original[bomLength...])
            if body.withUnsafeBufferPointer(UTF8Validation.isValid) {
                bytes = body
            } else {
                let repaired = String(decoding: body, as: UTF8.self)
                bytes = Array(repaired.utf8)
                let count = Self.replacementCount(bytes) - Self.replacementCount(body)
                repairs.append("\(count) invalid UTF-8 sequence\(count == 1 ? "" : "s") replaced with U+FFFD")
            }
        } else {
            let (decoded, replaced) = try original.withUnsafeBufferPointer { buffer throws(MarkupError) in
                try Transcoder.toUTF8(UnsafeBufferPointer(rebasing: buffer[bomLength...]), from: encoding.label)
            }
            bytes = decoded
            if replaced > 0 {
                repairs.append("\(replaced) byte\(replaced == 1 ? "" : "s") undecodable as \(encoding.label) replaced with U+FFFD")
            }
        }
        let nulCount = bytes.withUnsafeBufferPointer { buffer -> Int in
            guard var cursor = buffer.baseAddress else { return 0 }
            let end = cursor + buffer.count
            var count = 0
            while cursor < end, let found = memchr(cursor, 0, end - cursor) {
                count += 1
                cursor = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return count
        }
        if nulCount > 0 {
            var cleaned: [UInt8] = []
            cleaned.reserveCapacity(bytes.count + nulCount * 2)
            for byte in bytes {
                if byte == 0 { cleaned.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { cleaned.append(byte) }
            }
            bytes = cleaned
            repairs.append("\(nulCount) NUL byte\(nulCount == 1 ? "" : "s") replaced with U+FFFD")
        }
    }

    private static func replacementCount(_ bytes: [UInt8]) -> Int {
        var count = 0
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0xEF, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBD {
                count += 1
                index += 3
            } else {
                index += 1
            }
        }
        return count
    }
}
