import SnapdriftMarkup
import SnapdriftTestSupport
import Testing

@Suite("Selectors")
struct SelectorTests {
    @Test("the error names the column: unexpected ')' at column 14")
    func errorColumn() {
        #expect {
            try Selector(css: "div > :not(p))")
        } throws: { error in
            (error as? MarkupError)?.message == "unexpected ')' at column 14 in 'div > :not(p))'"
        }
    }

    @Test("XPath syntax errors, unknown functions and variables are refused at compile time")
    func xpathErrors() throws {
        #expect(throws: MarkupError.self) { try Selector(xpath: "//div[") }
        #expect(throws: MarkupError.self) { try Selector(xpath: "//div[frobnicate(.)]") }
        #expect(throws: MarkupError.self) { try Selector(xpath: "//div[@id = $x]") }
        #expect(throws: Never.self) { try Selector(xpath: "//div[count(li) div 2 > 1]/text()") }
        #expect(throws: Never.self) { try Selector(xpath: "//input[@name='ref']/@value") }
    }

    @Test("names are case-insensitive in HTML, attribute values are not")
    func caseSensitivity() throws {
        let document = try HTMLDocument(html: Array("<DIV Class='Box'><SPAN DATA-X='Y'>a</SPAN></DIV>".utf8))
        #expect(try document.select(Selector(css: "div.Box SPAN[data-x=Y]")).count == 1)
        #expect(try document.select(Selector(css: "div.box")).count == 0)
        #expect(try document.select(Selector(css: "span[data-x=y i]")).count == 1)
    }

    @Test(":contains, :has, :not, and quotes in values")
    func extensions() throws {
        let html = """
        <ul><li class="job"><h3>Analyst</h3><span>O'Brien "Ltd"</span></li>
        <li class="job closed"><h3>Clerk</h3></li><li>Nothing</li></ul>
        """
        let document = try HTMLDocument(html: Array(html.utf8))
        #expect(try document.select(Selector(css: "li:has(> h3):not(.closed) h3")).map { $0.text() } == ["Analyst"])
        #expect(try document.select(Selector(css: "li:contains('Clerk')")).count == 1)
        #expect(try document.select(Selector(css: #"span:contains("O'Brien \"Ltd\"")"#)).count == 1)
    }

    @Test("a quote followed by a combining mark is still a quote in the XPath literal (found by fuzzing)")
    func combiningMarksAfterQuotes() throws {
        // `"\u{301}` and `'\u{301}` are single Swift Characters; the literal must still see the quotes.
        let html = "<p title='a&quot;\u{301}b&#39;\u{301}c'>x</p><p title='other'>y</p>"
        let document = try HTMLDocument(html: Array(html.utf8))
        #expect(try document.select(Selector(css: "p[title=\"a\\\"\u{301}b'\u{301}c\"]")).map { $0.text() } == ["x"])
        #expect(try document.select(Selector(css: "p[title*='\\'\u{301}c']")).map { $0.text() } == ["x"])
        #expect(try document.select(Selector(css: "p:contains(\"\\\"\u{301}\")")).isEmpty)
    }

    @Test("characters XPath 1.0 cannot hold are refused with their column, raw or escaped (found by fuzzing)")
    func controlCharacters() {
        #expect {
            try Selector(css: "p[title=\"a\u{4}\"]")
        } throws: { error in
            (error as? MarkupError)?.column == 11
                && (error as? MarkupError)?.message.hasPrefix("control character U+4 cannot appear in a selector") == true
        }
        #expect {
            try Selector(css: "p.a\\4 b")
        } throws: { error in
            (error as? MarkupError)?.column == 4
                && (error as? MarkupError)?.message.hasPrefix("the escape stands for U+4, which XPath 1.0 cannot match") == true
        }
        #expect(throws: Never.self) { try Selector(css: "p[title=\"tab\\9 and newline\\a \"]") }
    }

    @Test("queries relative to an element stay inside it")
    func relative() throws {
        let html = "<div id=a><p>1</p><p>2</p></div><div id=b><p>3</p></div>"
        let document = try HTMLDocument(html: Array(html.utf8))
        let b = try #require(try document.select(Selector(css: "#b")).first)
        #expect(try document.select(Selector(css: "p"), from: b).map { $0.text() } == ["3"])
        #expect(try document.select(Selector(css: ":scope > p"), from: b).map { $0.text() } == ["3"])
    }
}
