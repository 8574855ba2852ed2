import Foundation
import SnapdriftMarkup

/// `snapdrift query`: what a selector, XPath, JSON-LD type or JSON Pointer finds in a page,
/// as JSON — the way to try a rule before putting it in a spec.
public enum PageQuery {
    /// What to look for.
    public enum Target: Sendable, Equatable {
        case css(String)
        case xpath(String)
        /// Objects of a schema.org type in the page's JSON-LD.
        case jsonld(String)
        /// A JSON Pointer into a JSON page.
        case json(String)
    }

    /// The matches of `target` in the page `bytes`: for HTML nodes `{path, text, attributes}`,
    /// for JSON-LD and JSON the values, for an XPath that computes a value, that value.
    public static func run(_ target: Target, bytes: [UInt8], format: PageFormat, sidecar: FixtureSidecar? = nil) throws(SnapdriftError) -> (matches: JSONValue, warnings: [String]) {
        let page = try Page(bytes: bytes, format: format, sidecar: sidecar)
        switch target {
        case .css(let source), .xpath(let source):
            guard let document = page.document else {
                throw SnapdriftError(.usage, "--css and --xpath need an HTML page; use --json for JSON pages")
            }
            let selector: Selector
            let value: XPathValue
            do {
                if case .css = target { selector = try Selector(css: source) } else { selector = try Selector(xpath: source) }
                value = try document.evaluate(selector.expression)
            } catch {
                throw SnapdriftError(.usage, error.message)
            }
            switch value {
            case .nodes(let nodes): return (.array(nodes.map(describe)), page.warnings)
            case .string(let text): return (.string(text), page.warnings)
            case .number(let number): return (JSONNumber(number).map(JSONValue.number) ?? .null, page.warnings)
            case .boolean(let flag): return (.bool(flag), page.warnings)
            }
        case .jsonld(let type):
            let extraction = try page.jsonld()
            return (.array(extraction.objects(ofType: type).map { .object($0.value) }), page.warnings)
        case .json(let text):
            guard let json = page.json else {
                throw SnapdriftError(.usage, "--json needs a JSON page; use --css, --xpath or --jsonld for HTML")
            }
            let pointer = try JSONPointer(text)
            return (.array(pointer.resolve(in: json).map { [$0] } ?? []), page.warnings)
        }
    }

    /// A node as `{path, text, attributes}` (attributes only for elements).
    static func describe(_ node: HTMLNode) -> JSONValue {
        var object: JSONObject = ["path": .string(node.path), "text": .string(node.text())]
        if node.kind == .element {
            var attributes = JSONObject()
            for (name, value) in node.attributes { attributes[name] = .string(value) }
            object["attributes"] = .object(attributes)
        }
        return .object(object)
    }
}
