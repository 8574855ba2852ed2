import Foundation
import SnapdriftCore
import SnapdriftTestSupport
import Testing

@Suite("snapdrift query")
struct QueryCommandTests {
    @Test("25 job titles on the real Civil Service Jobs listing page", .requiresShared)
    func realListing() throws {
        let outcome = try SnapdriftProcess.run(
            ["query", SharedMaterial.url("corpus/csj/result_page1.html").path, "--css", "h3.search-results-job-box-title"],
            in: SharedMaterial.repositoryRoot)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let matches = try JSONReader.value(outcome.standardOutput).arrayValue ?? []
        #expect(matches.count == 25)
        #expect(matches.first?["text"] == .string("Head of Policy Research"))
        #expect(matches.first?["path"]?.stringValue?.hasPrefix("/html/body/") == true)
        #expect(outcome.standardError.contains("25 matches"))
    }

    @Test("XPath values, JSON-LD objects and JSON Pointers")
    func otherTargets() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        try folder.write("page.html", """
        <html><head><script type="application/ld+json">{"@type": "Recipe", "name": "Soup"}</script></head>
        <body><a href="/a">A</a><a href="/b">B</a></body></html>
        """)
        try folder.write("api.json", #"{"data": [{"title": "Clerk"}]}"#)
        let count = try SnapdriftProcess.run(["query", "page.html", "--xpath", "count(//a)"], in: folder.url)
        #expect(count.standardOutput == "2\n")
        let hrefs = try SnapdriftProcess.run(["query", "page.html", "--xpath", "//a/@href"], in: folder.url)
        #expect(try JSONReader.value(hrefs.standardOutput).arrayValue?.map { $0["text"] } == [.string("/a"), .string("/b")])
        let recipe = try SnapdriftProcess.run(["query", "page.html", "--jsonld", "https://schema.org/Recipe"], in: folder.url)
        #expect(try JSONReader.value(recipe.standardOutput) == .array([["@type": "Recipe", "name": "Soup"]]))
        let pointer = try SnapdriftProcess.run(["query", "api.json", "--json", "/data/0/title"], in: folder.url)
        #expect(try JSONReader.value(pointer.standardOutput) == .array([.string("Clerk")]))
    }

    @Test("a bad selector is exit 64 with its column; a missing file is exit 2")
    func errors() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        try folder.write("page.html", "<p>x</p>")
        let bad = try SnapdriftProcess.run(["query", "page.html", "--css", "div > :not(p))"], in: folder.url)
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("unexpected ')' at column 14 in 'div > :not(p))'"))
        let missing = try SnapdriftProcess.run(["query", "nope.html", "--css", "p"], in: folder.url)
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("cannot read nope.html"))
        let both = try SnapdriftProcess.run(["query", "page.html", "--css", "p", "--xpath", "//p"], in: folder.url)
        #expect(both.status == 64)
    }
}
