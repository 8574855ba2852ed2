import Foundation
import SnapdriftMarkup
import SnapdriftTestSupport
import Testing

/// html5lib's 1,796 tricky and malformed inputs (`../shared/conformance/html5lib-tests`):
/// each parses without a crash and within a time bound, is queried with `*`, and gives the
/// tree libxml2 2.9.14 itself builds — except where snapdrift deliberately repairs the input
/// first (NUL bytes and invalid UTF-8 become U+FFFD; libxml2 alone truncates or switches to
/// Latin-1).
@Suite("html5lib inputs", .requiresShared)
struct HTML5LibConformanceTests {
    /// The tree in html5lib's test format, as the suite's index records libxml2's.
    static func dump(_ document: HTMLDocument) -> String {
        var lines: [String] = []
        if let doctype = document.doctype {
            // As lxml reports it (the suite's index was written with lxml): named after the root element.
            var line = "<!DOCTYPE \(document.rootElement?.name ?? doctype.name)"
            if doctype.publicID != nil || doctype.systemID != nil {
                line += " \"\(doctype.publicID ?? "")\" \"\(doctype.systemID ?? "")\""
            }
            lines.append("| " + line + ">")
        }
        func walk(_ node: HTMLNode, depth: Int) {
            let indent = "| " + String(repeating: "  ", count: depth)
            switch node.kind {
            case .element:
                lines.append(indent + "<\(node.name)>")
                for (name, value) in node.attributes.sorted(by: { $0.name < $1.name }) {
                    lines.append(indent + "  \(name)=\"\(value)\"")
                }
                for child in node.childNodes { walk(child, depth: depth + 1) }
            case .text:
                lines.append(indent + "\"\(node.text(.raw))\"")
            case .comment:
                lines.append(indent + "<!-- \(node.text(.raw)) -->")
            case .processingInstruction:
                lines.append(indent + "<?\(node.name) \(node.text(.raw))>")
            default:
                break
            }
        }
        for child in document.documentNode.childNodes { walk(child, depth: 0) }
        return lines.joined(separator: "\n")
    }

    @Test("1,796 inputs: no crash, each within a time bound, queried with *, trees equal to libxml2's")
    func inputs() throws {
        let index = try SharedMaterial.json("conformance/html5lib-tests/index.json") as! [String: Any]
        let tests = index["tests"] as! [[String: Any]]
        #expect(tests.count == 1796)
        let everything = try Selector(css: "*")
        var parsed = 0, refused = 0, sameTree = 0, repairedInput = 0, otherTree: [String] = []
        var slowest = 0.0
        for test in tests {
            let path = test["path"] as! String
            let bytes = try SharedMaterial.bytes("conformance/html5lib-tests/" + path)
            let libxml2 = test["libxml2"] as! [String: Any]
            let started = Date()
            do {
                let document = try HTMLDocument(html: bytes)
                // The index counts the elements of the first root (lxml's root.iter()); libxml2
                // sometimes builds a second <html> after it.
                let nodes = try document.select(everything, from: document.rootElement)
                #expect(nodes.count == (libxml2["elements"] as? Int ?? nodes.count) || !document.repairs.isEmpty, "\(path): element count")
                parsed += 1
                if let expected = libxml2["tree"] as? String {
                    if Self.dump(document) == expected {
                        sameTree += 1
                    } else if !document.repairs.isEmpty {
                        repairedInput += 1
                    } else {
                        otherTree.append(path)
                    }
                }
            } catch {
                // libxml2 builds no root for these either ("no-root" in the index).
                #expect(libxml2["status"] as? String == "no-root", "\(path): \(error)")
                refused += 1
            }
            let elapsed = Date().timeIntervalSince(started)
            slowest = max(slowest, elapsed)
            #expect(elapsed < 2, "\(path) took \(elapsed) s")
        }
        print("html5lib inputs: \(parsed) parsed and queried, \(refused) without a root (as libxml2), \(sameTree) trees equal to libxml2's, \(repairedInput) differ only because the input was repaired (NUL, invalid UTF-8), \(otherTree.count) other differences; slowest \(String(format: "%.3f", slowest)) s")
        #expect(parsed + refused == 1796)
        #expect(otherTree.isEmpty, "\(otherTree.prefix(10))")
    }
}
