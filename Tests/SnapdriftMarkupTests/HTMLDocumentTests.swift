import Foundation
import SnapdriftMarkup
import SnapdriftTestSupport
import Testing

@Suite("HTML documents")
struct HTMLDocumentTests {
    private func parse(_ html: String, contentType: String? = nil) throws -> HTMLDocument {
        try HTMLDocument(html: Array(html.utf8), options: HTMLParseOptions(contentType: contentType))
    }

    private func first(_ css: String, in document: HTMLDocument) throws -> HTMLNode {
        let nodes = try document.select(Selector(css: css))
        return try #require(nodes.first, "no match for \(css)")
    }

    @Test("collapsed text joins blocks and line breaks with one space and trims")
    func collapsedText() throws {
        let document = try parse("<div id=a>\n  Senior&nbsp;&nbsp;Analyst <b>(Data)</b><br>Leeds<ul><li>one</li><li>two</li></ul><script>var x = 1;</script></div>")
        let node = try first("#a", in: document)
        #expect(node.text() == "Senior Analyst (Data) Leeds one two")
        #expect(node.text(.raw) == "\n  Senior\u{A0}\u{A0}Analyst (Data)Leedsonetwovar x = 1;")
    }

    @Test("the text of a matched script element is its content")
    func scriptText() throws {
        let document = try parse("<html><head><script type='application/json'>{\"a\": 1}</script></head></html>")
        #expect(try first("script", in: document).text() == "{\"a\": 1}")
    }

    @Test("attributes in source order, inner and outer HTML, node paths")
    func nodeAPI() throws {
        let document = try parse("<html><body><div>x</div><div class='b' data-x=\"1 &amp; 2\"><h1>T&eacute;st <i>it</i></h1></div></body></html>")
        let heading = try first("div.b h1", in: document)
        #expect(heading.path == "/html/body/div[2]/h1")
        #expect(heading.innerHTML == "Tést <i>it</i>")
        #expect(heading.outerHTML == "<h1>Tést <i>it</i></h1>")
        let div = try first("div.b", in: document)
        #expect(div.attributes.map(\.name) == ["class", "data-x"])
        #expect(div.attribute("data-x") == "1 & 2")
        #expect(div.attribute("missing") == nil)
    }

    @Test("the same page serializes to the same bytes every time")
    func stableSerialization() throws {
        let html = "<div><p a=1 b='2'>x &lt; y<br>z</p><img src=a.png></div>"
        let first = try first("div", in: parse(html)).outerHTML
        for _ in 0..<5 {
            #expect(try self.first("div", in: parse(html)).outerHTML == first)
        }
    }

    @Test("encoding from <meta charset>, from the HTTP content type, and from a UTF-16 BOM")
    func encodings() throws {
        var latin1 = Array("<html><head><meta charset=\"windows-1252\"></head><body><p>caf".utf8)
        latin1 += [0xE9, 0x20, 0x80]
        latin1 += Array("</p></body></html>".utf8)
        let fromMeta = try HTMLDocument(html: latin1)
        #expect(fromMeta.encoding == SniffedEncoding(label: "windows-1252", source: .metaTag))
        #expect(try first("p", in: fromMeta).text() == "café €")

        let plain = Array("<p>caf".utf8) + [0xE9] + Array("</p>".utf8)
        let fromHeader = try HTMLDocument(html: plain, options: HTMLParseOptions(contentType: "text/html; charset=ISO-8859-1"))
        #expect(fromHeader.encoding.source == .httpHeader)
        #expect(try first("p", in: fromHeader).text() == "café")

        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<p>snö ☃</p>".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let fromBOM = try HTMLDocument(html: utf16)
        #expect(fromBOM.encoding.source == .byteOrderMark)
        #expect(try first("p", in: fromBOM).text() == "snö ☃")
    }

    @Test("invalid UTF-8 is replaced, not misread as Latin-1")
    func invalidUTF8() throws {
        let bytes = Array("<p>a".utf8) + [0xFF, 0xFE] + Array("b é</p>".utf8)
        let document = try HTMLDocument(html: bytes)
        #expect(try first("p", in: document).text() == "a\u{FFFD}\u{FFFD}b é")
        #expect(document.repairs == ["2 invalid UTF-8 sequences replaced with U+FFFD"])
    }

    @Test("a NUL byte does not truncate the page")
    func nulBytes() throws {
        let bytes = Array("<html><body><p>before".utf8) + [0] + Array("after</p><h1>Title</h1></body></html>".utf8)
        let document = try HTMLDocument(html: bytes)
        #expect(try first("h1", in: document).text() == "Title")
        #expect(try first("p", in: document).text() == "before\u{FFFD}after")
        #expect(document.repairs == ["1 NUL byte replaced with U+FFFD"])
    }

    @Test("an empty page is an error, garbage parses without a crash")
    func emptyAndGarbage() throws {
        #expect(throws: MarkupError.self) { try HTMLDocument(html: []) }
        #expect(throws: MarkupError.self) { try HTMLDocument(html: Array(" \n\t ".utf8)) }
        var generator = SystemRandomNumberGenerator()
        let garbage = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let outcome = Result { () throws(MarkupError) -> Int in
            try HTMLDocument(html: garbage).select(Selector(css: "*")).count
        }
        switch outcome {
        case .success(let count): #expect(count >= 0)
        case .failure(let error): #expect(error.code == .emptyDocument || error.code == .parseFailed)
        }
    }

    @Test("parse errors are counted, not printed")
    func parseErrorsCounted() throws {
        let document = try parse("<html><body><p>unclosed <b>bold <i>italic</p></div></span><<>>")
        #expect(document.parseErrorCount > 0)
    }

    @Test("deep nesting costs no stack")
    func deepNesting() throws {
        let depth = 100_000
        let html = String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth)
        let document = try parse(html)
        let root = try #require(document.rootElement)
        #expect(root.text().hasSuffix("deep"))
        var count = 0
        root.forEachElement { _ in count += 1 }
        #expect(count >= depth)
        let deepest = try #require(try document.select(Selector(css: "div:not(:has(> div))")).last)
        #expect(deepest.text() == "deep")
        #expect(deepest.path.hasSuffix("/div/div"))
        #expect(deepest.outerHTML == "<div>deep</div>")
        #expect(root.outerHTML.count > depth * 11)
    }

    @Test("documents parse and query in parallel")
    func parallelParsing() async throws {
        let selector = try Selector(css: "li.item:nth-child(odd) > a[href$='.html']")
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let items = (0..<50).map { "<li class=item><a href='/p\($0)-\(index).html'>\($0)</a></li>" }.joined()
                    let document = try HTMLDocument(html: Array("<ul>\(items)</ul>".utf8))
                    return try document.select(selector).count
                }
            }
            var counts: [Int] = []
            for try await count in group { counts.append(count) }
            return counts
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 == 25 })
    }

    @Test("<base href> is found")
    func baseHref() throws {
        #expect(try parse("<html><head><base href='https://example.org/jobs/'></head><body></body></html>").baseHref == "https://example.org/jobs/")
        #expect(try parse("<p>x</p>").baseHref == nil)
    }
}
