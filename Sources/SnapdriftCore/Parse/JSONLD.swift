import Foundation
import SnapdriftMarkup

/// One schema.org object found in a page's JSON-LD.
public struct JSONLDObject: Sendable, Equatable {
    /// The object.
    public var value: JSONObject
    /// Its `@type`s, without a `schema.org` prefix.
    public var types: [String]
    /// The same, lower-cased once, for matching.
    var lowercasedTypes: [String] = []
    /// Which `<script>` block it came from (0-based, document order).
    public var block: Int
    /// How deep inside its block it sat (0: top level or `@graph` member).
    public var depth: Int
    /// The leniencies its block needed.
    public var leniencies: [JSONLeniency]
}

/// Every JSON-LD block of a page, read once.
public struct JSONLDExtraction: Sendable {
    /// Top-level and `@graph` objects with an `@type`, in document order.
    public var objects: [JSONLDObject]
    /// How many `<script type="application/ld+json">` blocks the page has.
    public var blockCount: Int
    /// One sentence per block that could not be read at all.
    public var warnings: [String]
    /// The values of each block, for the search of nested objects.
    var blocks: [(values: [JSONValue], leniencies: [JSONLeniency])] = []

    /// The objects whose `@type` is `type` (`Recipe`, `schema:Recipe` or
    /// `https://schema.org/Recipe`; case-insensitive): top-level and `@graph` ones, or when
    /// there are none, objects nested inside others (`WebPage.mainEntity`), in document order.
    public func objects(ofType type: String) -> [JSONLDObject] {
        let wanted = JSONLD.bareType(type).lowercased()
        let top = objects.filter { $0.lowercasedTypes.contains(wanted) }
        if !top.isEmpty { return top }
        // Walking every nested value is only worth it when the top level has no match.
        var nested: [JSONLDObject] = []
        for (block, item) in blocks.enumerated() {
            for value in item.values { JSONLD.collectNested(value, block: block, leniencies: item.leniencies, wanted: wanted, into: &nested) }
        }
        return nested
    }
}

/// Reads `<script type="application/ld+json">` blocks the way search engines do: leniently,
/// noting each leniency used.
public enum JSONLD {
    /// `descendant::` rather than `//`: libxml2 rewrites `//x` to one descendant walk only
    /// when `x` has no predicate.
    private static let scripts = Selector.literal(xpath: "descendant::script[@type]")

    /// Extracts and parses every JSON-LD block of `document`.
    public static func extract(from document: HTMLDocument) throws(SnapdriftError) -> JSONLDExtraction {
        let nodes: [HTMLNode]
        do {
            nodes = try document.select(scripts)
        } catch {
            throw SnapdriftError(.internal, "cannot search the page for JSON-LD: \(error.message)")
        }
        var topLevel: [JSONLDObject] = []
        var blocks: [(values: [JSONValue], leniencies: [JSONLeniency])] = []
        var warnings: [String] = []
        var block = 0
        for node in nodes {
            guard let type = node.attribute("type"), isJSONLDType(type) else { continue }
            defer { block += 1 }
            var leniencies = Set<JSONLeniency>()
            let text = unwrap(node.textBytes(.raw), leniencies: &leniencies)
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                warnings.append("JSON-LD block \(block + 1) (\(node.path)) is empty")
                continue
            }
            let result: JSONReadResult
            do {
                result = try JSONReader.read(text, options: .lenient)
            } catch {
                let position = error.location.map { "line \($0.line ?? 0), column \($0.column ?? 0): " } ?? ""
                warnings.append("JSON-LD block \(block + 1) (\(node.path)) cannot be read: \(position)\(error.message)")
                continue
            }
            leniencies.formUnion(result.leniencies)
            let used = leniencies.sorted()
            for value in result.values { collectTopLevel(value, block: block, leniencies: used, into: &topLevel) }
            while blocks.count < block { blocks.append(([], [])) }
            blocks.append((result.values, used))
        }
        var extraction = JSONLDExtraction(objects: topLevel, blockCount: block, warnings: warnings)
        extraction.blocks = blocks
        return extraction
    }

    private static func isJSONLDType(_ type: String) -> Bool {
        let media = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return media == "application/ld+json"
    }

    /// Strips `<!-- … -->` and `<![CDATA[ … ]]>` wrappers (also behind `//` or `/* */`),
    /// working on the bytes: a block can be megabytes of JSON.
    static func unwrap(_ raw: [UInt8], leniencies: inout Set<JSONLeniency>) -> ArraySlice<UInt8> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }
        var start = raw.startIndex
        var end = raw.endIndex
        func trim() {
            while start < end, isSpace(raw[start]) { start += 1 }
            while end > start, isSpace(raw[end - 1]) { end -= 1 }
        }
        trim()
        let pairs: [([UInt8], [UInt8])] = [("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>"), ("/*<![CDATA[*/", "/*]]>*/")]
            .map { (Array($0.0.utf8), Array($0.1.utf8)) }
        var changed = true
        while changed {
            changed = false
            for (open, close) in pairs {
                if end - start >= open.count, raw[start..<start + open.count].elementsEqual(open) {
                    start += open.count
                    changed = true
                }
                if end - start >= close.count, raw[end - close.count..<end].elementsEqual(close) {
                    end -= close.count
                    changed = true
                }
                if changed {
                    leniencies.insert(.wrapper)
                    trim()
                    break
                }
            }
        }
        return raw[start..<end]
    }

    /// Typed objects at the top level of a block: the block's values, array items, `@graph`
    /// members.
    private static func collectTopLevel(_ value: JSONValue, block: Int, leniencies: [JSONLeniency], into found: inout [JSONLDObject]) {
        switch value {
        case .array(let items):
            for item in items { collectTopLevel(item, block: block, leniencies: leniencies, into: &found) }
        case .object(let object):
            let types = typeNames(object["@type"])
            if !types.isEmpty {
                found.append(JSONLDObject(value: object, types: types, lowercasedTypes: types.map { $0.lowercased() }, block: block, depth: 0, leniencies: leniencies))
            }
            if let graph = object["@graph"] { collectTopLevel(graph, block: block, leniencies: leniencies, into: &found) }
        default:
            break
        }
    }

    /// Objects of type `wanted` anywhere below the top level of a block.
    static func collectNested(_ value: JSONValue, block: Int, leniencies: [JSONLeniency], wanted: String, depth: Int = 0, into found: inout [JSONLDObject]) {
        switch value {
        case .array(let items):
            for item in items { collectNested(item, block: block, leniencies: leniencies, wanted: wanted, depth: depth, into: &found) }
        case .object(let object):
            let types = typeNames(object["@type"])
            if depth > 0, types.contains(where: { $0.lowercased() == wanted }) {
                found.append(JSONLDObject(value: object, types: types, lowercasedTypes: types.map { $0.lowercased() }, block: block, depth: depth, leniencies: leniencies))
            }
            for (key, member) in object {
                let childDepth = key == "@graph" && depth == 0 ? 0 : depth + 1
                collectNested(member, block: block, leniencies: leniencies, wanted: wanted, depth: childDepth, into: &found)
            }
        default:
            break
        }
    }

    private static func typeNames(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let type)?: return [bareType(type)]
        case .array(let items)?: return items.compactMap { $0.stringValue.map(bareType) }
        default: return []
        }
    }

    /// `https://schema.org/Recipe` → `Recipe`.
    static func bareType(_ type: String) -> String {
        // Most types are bare names already: nothing to strip.
        if !type.utf8.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "/") || $0 == 0x20 }) { return type }
        var text = Substring(type.trimmingCharacters(in: .whitespaces))
        for prefix in ["http://schema.org/", "https://schema.org/", "http://www.schema.org/", "https://www.schema.org/", "schema:"]
        where text.lowercased().hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
            break
        }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }
}
