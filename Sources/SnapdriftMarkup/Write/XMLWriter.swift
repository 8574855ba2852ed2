internal import CLibXML2

/// Well-formed XML through libxml2's `xmlTextWriter`: escaping is libxml2's, and characters
/// XML 1.0 cannot hold (control characters from scraped pages) are replaced with U+FFFD
/// before they reach it.
public final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private var failed = false

    public init() throws(MarkupError) {
        LibXML.ensureInitialized()
        guard let buffer = xmlBufferCreate() else { throw MarkupError(.parseFailed, "cannot allocate an XML buffer") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw MarkupError(.parseFailed, "cannot create an XML writer")
        }
        self.buffer = buffer
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterSetIndentString(writer, "  ")
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    /// Opens an element with its attributes, in the order given.
    public func startElement(_ name: String, attributes: [(String, String)] = []) {
        check(xmlTextWriterStartElement(writer, name))
        for (key, value) in attributes { check(xmlTextWriterWriteAttribute(writer, key, Self.clean(value))) }
    }

    /// Escaped text content.
    public func text(_ value: String) {
        check(xmlTextWriterWriteString(writer, Self.clean(value)))
    }

    public func endElement() {
        check(xmlTextWriterEndElement(writer))
    }

    /// Closes every open element and returns the document.
    public func finish() throws(MarkupError) -> String {
        check(xmlTextWriterEndDocument(writer))
        xmlTextWriterFlush(writer)
        guard !failed, let content = xmlBufferContent(buffer) else { throw MarkupError(.parseFailed, "libxml2's XML writer failed") }
        return String(cString: UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
    }

    private func check(_ status: Int32) {
        if status < 0 { failed = true }
    }

    /// Text with every character XML 1.0 forbids replaced by U+FFFD.
    static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(isAllowed(scalar) ? scalar : "\u{FFFD}") }
        return String(result)
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
