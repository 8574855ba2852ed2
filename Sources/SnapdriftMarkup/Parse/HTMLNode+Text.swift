internal import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a node's text is read.
public enum TextMode: String, Sendable, Equatable {
    /// Runs of white space (Unicode White_Space, so `&nbsp;` too) collapsed to one space and
    /// trimmed; `<br>` and block-level element boundaries count as white space, and the
    /// contents of `<script>`, `<style>` and `<template>` below the node are left out —
    /// the text a reader sees.
    case collapsed
    /// Every text and CDATA descendant concatenated byte for byte (the DOM's `textContent`).
    case raw
}

extension HTMLNode {
    /// The node's text: for an element its descendants' text, for an attribute its value.
    public func text(_ mode: TextMode = .collapsed) -> String {
        String(decoding: textBytes(mode), as: UTF8.self)
    }

    /// The node's text as UTF-8 bytes (no `String` on the way: JSON-LD goes straight to the
    /// JSON reader).
    public func textBytes(_ mode: TextMode = .collapsed) -> [UInt8] {
        var sink = TextSink(collapsing: mode == .collapsed)
        switch pointer.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_COMMENT_NODE, XML_PI_NODE:
            if let content = pointer.pointee.content { sink.append(content) }
        case XML_ATTRIBUTE_NODE:
            var child = pointer.pointee.children
            while let current = child {
                if let content = current.pointee.content { sink.append(content) }
                child = current.pointee.next
            }
        default:
            appendDescendantText(to: &sink, skipHidden: mode == .collapsed)
        }
        return sink.bytes
    }

    private func appendDescendantText(to sink: inout TextSink, skipHidden: Bool) {
        let root = pointer
        var node = root.pointee.children
        while let current = node {
            var descend = false
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { sink.append(content) }
            case XML_ELEMENT_NODE:
                let layout = skipHidden ? Self.layout(of: current) : .inline
                switch layout {
                case .hidden: break
                case .lineBreak: sink.separate()
                case .block:
                    sink.separate()
                    descend = true
                case .inline: descend = true
                }
            default: break
            }
            if descend, let child = current.pointee.children {
                node = child
                continue
            }
            // Climb until a next sibling; leaving a block element separates its text.
            var climb: xmlNodePtr = current
            node = nil
            while climb != root {
                if let next = climb.pointee.next {
                    node = next
                    break
                }
                guard let parent = climb.pointee.parent else { break }
                if parent != root, skipHidden, parent.pointee.type == XML_ELEMENT_NODE, Self.layout(of: parent) == .block {
                    sink.separate()
                }
                climb = parent
            }
        }
    }

    private enum Layout { case inline, block, lineBreak, hidden }

    private static func layout(of element: xmlNodePtr) -> Layout {
        guard let name = element.pointee.name else { return .inline }
        let cName = UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self)
        if strcmp(cName, "br") == 0 || strcmp(cName, "wbr") == 0 { return .lineBreak }
        if strcmp(cName, "script") == 0 || strcmp(cName, "style") == 0 || strcmp(cName, "template") == 0 {
            return .hidden
        }
        guard let description = htmlTagLookup(name) else { return .inline }
        return description.pointee.isinline == 0 ? .block : .inline
    }
}

/// Accumulates UTF-8 text, optionally collapsing white space as it goes.
struct TextSink {
    let collapsing: Bool
    var bytes: [UInt8] = []
    private var pendingSpace = false

    init(collapsing: Bool) {
        self.collapsing = collapsing
    }

    mutating func separate() {
        if collapsing, !bytes.isEmpty { pendingSpace = true }
    }

    mutating func append(_ content: UnsafePointer<xmlChar>) {
        guard collapsing else {
            appendCString(content, to: &bytes)
            return
        }
        var index = 0
        while content[index] != 0 {
            let width = whiteSpaceWidth(content, at: index)
            if width > 0 {
                if !bytes.isEmpty { pendingSpace = true }
                index += width
                continue
            }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append(content[index])
            index += 1
        }
    }
}

/// The byte length of the Unicode White_Space character at `index` of a NUL-terminated UTF-8
/// string, or 0. Reading ahead stops at the terminator, so it never reads past the end.
@inline(__always)
func whiteSpaceWidth(_ text: UnsafePointer<UInt8>, at index: Int) -> Int {
    let byte = text[index]
    switch byte {
    case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20:
        return 1
    case 0xC2:
        let next = text[index + 1]
        return next == 0xA0 || next == 0x85 ? 2 : 0
    case 0xE1:
        return text[index + 1] == 0x9A && text[index + 2] == 0x80 ? 3 : 0
    case 0xE2:
        let second = text[index + 1]
        guard second != 0 else { return 0 }
        let third = text[index + 2]
        if second == 0x80, (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF { return 3 }
        if second == 0x81, third == 0x9F { return 3 }
        return 0
    case 0xE3:
        return text[index + 1] == 0x80 && text[index + 2] == 0x80 ? 3 : 0
    default:
        return 0
    }
}

/// Collapses white space in a Swift string the way `TextMode.collapsed` does.
public func collapseWhiteSpace(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    var pending = false
    for scalar in text.unicodeScalars {
        if scalar.properties.isWhitespace {
            if !result.isEmpty { pending = true }
            continue
        }
        if pending {
            result.unicodeScalars.append(" ")
            pending = false
        }
        result.unicodeScalars.append(scalar)
    }
    return result
}
