internal import CLibXML2

extension HTMLNode {
    /// The node's markup including its own tags, as libxml2's serializer writes it: stable
    /// for a given document, UTF-8, no re-indentation.
    public var outerHTML: String {
        switch kind {
        case .attribute: return text(.raw)
        case .document: return innerHTML
        default: return serialize([pointer])
        }
    }

    /// The markup of the node's children.
    public var innerHTML: String {
        if kind == .attribute { return text(.raw) }
        var children: [xmlNodePtr] = []
        var child = pointer.pointee.children
        while let current = child {
            children.append(current)
            child = current.pointee.next
        }
        return serialize(children)
    }

    private func serialize(_ nodes: [xmlNodePtr]) -> String {
        guard let output = xmlAllocOutputBuffer(nil) else { return "" }
        for node in nodes {
            if document.isXML {
                xmlNodeDumpOutput(output, document.pointer, node, 0, 0, "UTF-8")
            } else {
                htmlNodeDumpFormatOutput(output, document.pointer, node, "UTF-8", 0)
            }
        }
        xmlOutputBufferFlush(output)
        let size = Int(xmlOutputBufferGetSize(output))
        let text: String
        if size > 0, let content = xmlOutputBufferGetContent(output) {
            text = String(decoding: UnsafeBufferPointer(start: content, count: size), as: UTF8.self)
        } else {
            text = ""
        }
        xmlOutputBufferClose(output)
        return text
    }
}
