import Foundation
import SnapdriftMarkup

/// One schema.org object found in a page's JSON-LD.
public struct JSONLDObject: Sendable, Equatable {
    /// The object.
    public var value: JSONObject
    /// Its `@type`s, without a `schema.org` prefix.
    public var types: [String]
    /// Which `<script>` block it came from (0-based, document order).
    public var block: Int
    /// How deep inside its block it sat (0: top level or `@graph` member).
    public var depth: Int
    /// The leniencies its block needed.
    public var leniencies: [JSONLeniency]
}

/// Every JSON-LD block of a page, read once.
public struct JSONLDExtraction: Sendable {
    /// Objects with an `@type`, top-level and `@graph` members first, then nested ones, each
    /// group in document order.
    public var objects: [JSONLDObject]
    /// How many `<script type="application/ld+json">` blocks the page has.
    public var blockCount: Int
    /// One sentence per block that could not be read at all.
    public var warnings: [String]

    /// The objects whose `@type` is `type` (`Recipe`, `schema:Recipe` or
    /// `https://schema.org/Recipe`; case-insensitive), shallowest first.
    public func objects(ofType type: String) -> [JSONLDObject] {
        let wanted = JSONLD.bareType(type).lowercased()
        return objects.filter { $0.types.contains { $0.lowercased() == wanted } }
    }
}

/// Reads `<script type="application/ld+json">` blocks the way search engines do: leniently,
/// noting each leniency used.
public enum JSONLD {
    private static let scripts = Selector.literal(xpath: "//script[@type]")

    /// Extracts and parses every JSON-LD block of `document`.
    public static func extract(from document: HTMLDocument) throws(SnapdriftError) -> JSONLDExtraction {
        let nodes: [HTMLNode]
        do {
            nodes = try document.select(scripts)
        } catch {
            throw SnapdriftError(.internal, "cannot search the page for JSON-LD: \(error.message)")
        }
        var topLevel: [JSONLDObject] = []
        var nested: [JSONLDObject] = []
        var warnings: [String] = []
        var block = 0
        for node in nodes {
            guard let type = node.attribute("type"), isJSONLDType(type) else { continue }
            defer { block += 1 }
            var leniencies = Set<JSONLeniency>()
            let text = unwrap(node.text(.raw), leniencies: &leniencies)
            if text.allSatisfy(\.isWhitespace) {
                warnings.append("JSON-LD block \(block + 1) (\(node.path)) is empty")
                continue
            }
            let result: JSONReadResult
            do {
                result = try JSONReader.read(Array(text.utf8), options: .lenient)
            } catch {
                let position = error.location.map { "line \($0.line ?? 0), column \($0.column ?? 0): " } ?? ""
                warnings.append("JSON-LD block \(block + 1) (\(node.path)) cannot be read: \(position)\(error.message)")
                continue
            }
            leniencies.formUnion(result.leniencies)
            let used = leniencies.sorted()
            for value in result.values {
                collect(value, block: block, depth: 0, leniencies: used, topLevel: &topLevel, nested: &nested)
            }
        }
        return JSONLDExtraction(objects: topLevel + nested, blockCount: block, warnings: warnings)
    }

    private static func isJSONLDType(_ type: String) -> Bool {
        let media = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return media == "application/ld+json"
    }

    /// Strips `<!-- … -->` and `<![CDATA[ … ]]>` wrappers (also behind `//`).
    static func unwrap(_ raw: String, leniencies: inout Set<JSONLeniency>) -> String {
        var text = Substring(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        var changed = true
        while changed {
            changed = false
            for (open, close) in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>"), ("/*<![CDATA[*/", "/*]]>*/")] {
                if text.hasPrefix(open) {
                    text = text.dropFirst(open.count)
                    changed = true
                }
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.hasSuffix(close) {
                    text = Substring(trimmed.dropLast(close.count))
                    changed = true
                }
                if changed {
                    leniencies.insert(.wrapper)
                    text = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
                    break
                }
            }
        }
        return String(text)
    }

    private static func collect(_ value: JSONValue, block: Int, depth: Int, leniencies: [JSONLeniency],
                                topLevel: inout [JSONLDObject], nested: inout [JSONLDObject]) {
        switch value {
        case .array(let items):
            for item in items {
                collect(item, block: block, depth: depth, leniencies: leniencies, topLevel: &topLevel, nested: &nested)
            }
        case .object(let object):
            let types = typeNames(object["@type"])
            if !types.isEmpty {
                let found = JSONLDObject(value: object, types: types, block: block, depth: depth, leniencies: leniencies)
                if depth == 0 { topLevel.append(found) } else { nested.append(found) }
            }
            for (key, member) in object {
                // @graph members are top-level objects; anything else is nested one level deeper.
                let childDepth = key == "@graph" && depth == 0 ? 0 : depth + 1
                collect(member, block: block, depth: childDepth, leniencies: leniencies, topLevel: &topLevel, nested: &nested)
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
