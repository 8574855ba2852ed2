import Foundation
import SnapdriftMarkup
import SnapdriftTestSupport
import Testing

/// scrapy/cssselect's own selection and parse-error cases (`../shared/conformance/cssselect`),
/// run through our compiler and libxml2.
@Suite("cssselect conformance", .requiresShared)
struct CSSSelectConformanceTests {
    let cases: [String: Any]

    init() throws {
        cases = try SharedMaterial.json("conformance/cssselect/cssselect_cases.json") as! [String: Any]
    }

    private func document(_ name: String) throws -> HTMLDocument {
        let paths = cases["documents"] as! [String: String]
        let key = paths.keys.first { $0.lowercased().hasPrefix(name.lowercased().replacingOccurrences(of: "_", with: "")) }
            ?? paths.keys.first { $0.lowercased().replacingOccurrences(of: "_", with: "").hasPrefix(name.lowercased().replacingOccurrences(of: "_", with: "")) }
        let relative = paths[key!]!
        let bytes = try SharedMaterial.bytes("conformance/cssselect/" + relative)
        return relative.hasSuffix(".xml") ? try HTMLDocument(xml: bytes) : try HTMLDocument(html: bytes)
    }

    @Test("every selection gives the expected ids in document order")
    func selections() throws {
        let selections = cases["select"] as! [[String: Any]]
        #expect(selections.count == 133)
        var documents: [String: HTMLDocument] = [:]
        var failures: [String] = []
        for selection in selections {
            let name = selection["document"] as! String
            let css = selection["css"] as! String
            let expected = selection["expected_ids"] as! [String]
            if documents[name] == nil { documents[name] = try document(name) }
            let document = documents[name]!
            do {
                let selector = try Selector(css: css, html: !document.isXML)
                let nodes = try document.select(selector, from: document.rootElement)
                let ids = nodes.map { $0.attribute("id") ?? "nil" }
                if ids != expected { failures.append("\(css): got \(ids), expected \(expected)") }
                // Node paths in libxml2's own xmlGetNodePath form, as lxml recorded them.
                if let paths = selection["htmlparser_paths"] as? [String], !document.isXML, nodes.map(\.path) != paths {
                    failures.append("\(css): paths \(nodes.map(\.path)), expected \(paths)")
                }
            } catch {
                failures.append("\(css): \(error)")
            }
        }
        print("cssselect selections: \(selections.count - failures.count)/\(selections.count) give the expected ids")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("invalid selectors are rejected with a column; the valid ones parse")
    func parseErrors() throws {
        let errors = cases["parse_errors"] as! [[String: Any]]
        #expect(errors.count == 38)
        var rejected = 0
        for entry in errors {
            let css = entry["css"] as! String
            let valid = entry["valid"] as? Bool ?? false
            if valid {
                #expect(throws: Never.self, "\(css) is valid") { try Selector(css: css) }
                continue
            }
            do {
                _ = try Selector(css: css)
                Issue.record("'\(css)' was accepted")
            } catch {
                rejected += 1
                #expect(error.code == .invalidSelector)
                #expect(error.column != nil, "no column for '\(css)': \(error.message)")
                #expect(error.message.contains("at column \(error.column ?? -1) in '\(css)'"))
            }
        }
        print("cssselect parse errors: \(rejected) invalid selectors rejected with a column")
        #expect(rejected == errors.filter { !($0["valid"] as? Bool ?? false) }.count)
    }

    @Test("selectors cssselect cannot translate are refused too")
    func untranslatable() throws {
        let entries = (cases["translation_errors"] as! [[String: Any]]) + (cases["select_errors"] as! [[String: Any]])
        for entry in entries {
            let css = entry["css"] as! String
            #expect(throws: MarkupError.self, "'\(css)'") { try Selector(css: css) }
        }
    }

    @Test("counts on the Shakespeare document")
    func shakespeareCounts() throws {
        let entries = cases["shakespeare_counts"] as! [[String: Any]]
        let document = try document("HTML_SHAKESPEARE")
        let body = try document.select(Selector(css: "body")).first!
        for entry in entries {
            let css = entry["css"] as! String
            let expected = entry["expected_count"] as! Int
            let count = try document.select(Selector(css: css), from: body).count
            #expect(count == expected, "\(css)")
        }
    }

    @Test("an+b arguments")
    func nthSeries() throws {
        for entry in cases["nth_series"] as! [[String: Any]] {
            let argument = entry["arg"] as! String
            let expected = entry["ab"] as? [Int]
            if expected == nil {
                #expect(throws: MarkupError.self) { try Selector(css: "li:nth-child(\(argument))") }
            } else {
                #expect(throws: Never.self, "\(argument)") { try Selector(css: "li:nth-child(\(argument))") }
            }
        }
    }
}
