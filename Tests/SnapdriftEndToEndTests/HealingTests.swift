import Foundation
import SnapdriftCore
import SnapdriftTestSupport
import Testing

/// `explain` on copies of the real Civil Service Jobs page, broken three ways by the test:
/// each lost field gets a proposed selector, and the proposal gives the original value back.
@Suite("Healing suggestions on real pages", .requiresShared)
struct HealingTests {
    static let specText: String = {
        let path = SharedMaterial.repositoryRoot.appendingPathComponent("Examples/corpus-specs/csj-detail/spec.yml")
        do {
            return try String(contentsOf: path, encoding: .utf8).replacingOccurrences(of: "fixtures: \"job_detail_page.html\"", with: "fixtures: \"*.html\"")
        } catch {
            fatalError("Examples/corpus-specs/csj-detail/spec.yml: \(error)")
        }
    }()

    /// The page is Latin-1; edits are made on its bytes, read and written as Latin-1.
    static func original() throws -> String {
        String(decoding: try SharedMaterial.bytes("corpus/csj/job_detail_page.html"), as: UTF8.self)
    }

    private func latin1(_ relative: String) throws -> String {
        let bytes = try SharedMaterial.bytes(relative)
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }

    private func writeLatin1(_ text: String, to url: URL) throws {
        try Data(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }).write(to: url)
    }

    /// Accepts the original page's golden, replaces the page with `edit(original)`, and returns
    /// the explanation of `field`.
    private func explainAfter(_ edit: (String) -> String, field: String) throws -> (TestProject, FieldExplanation, JSONValue) {
        let project = try TestProject(source: "csj-detail", spec: Self.specText, fixtures: [:])
        let page = try latin1("corpus/csj/job_detail_page.html")
        try writeLatin1(page, to: project.folder.path("Fixtures/csj-detail/job.html"))
        try project.run(["check"])
        try project.run(["accept", "--all"])
        let golden = try GoldenFile.read(path: project.folder.path("Golden/csj-detail/job.html.json").path, displayPath: "golden")
        let edited = edit(page)
        #expect(edited != page, "the edit applied")
        try writeLatin1(edited, to: project.folder.path("Fixtures/csj-detail/job.html"))
        let outcome = try project.run(["explain", "Fixtures/csj-detail/job.html", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let fields = try JSONReader.value(outcome.standardOutput)["fields"]?.arrayValue ?? []
        let entry = try #require(fields.first { $0["field"] == .string(field) })
        let explanation = FieldExplanation(field: field, record: nil, rule: entry["rule"]?.stringValue ?? "", matches: entry["matches"]?.numberValue?.intValue ?? -1,
                                           value: entry["value"] ?? .null, golden: entry["golden"], goldenMatches: entry["golden_matches"]?.numberValue?.intValue,
                                           lost: entry["lost"] == true,
                                           suggestion: entry["suggestion"]?["selector"]?.stringValue.map { .init(selector: $0, value: entry["suggestion"]?["value"] ?? .null) },
                                           notes: [])
        return (project, explanation, golden.normalized[field] ?? .null)
    }

    /// Runs the spec with `field`'s rule pointed at the suggested selector, and returns the value.
    private func valueWithSuggestion(_ project: TestProject, field: String, selector: String, rule: String) throws -> JSONValue {
        let css = selector.hasPrefix("css:") ? String(selector.dropFirst(4)) : selector
        let escaped = css.replacingOccurrences(of: "'", with: "''")
        let healed = Self.specText.replacingOccurrences(of: rule, with: "css: '\(escaped)'")
        #expect(healed != Self.specText, "the rule was replaced")
        try project.write("Fixtures/csj-detail/spec.yml", healed)
        let normalized = try project.run(["normalize", "Fixtures/csj-detail/job.html", "--stage", "normalized"])
        #expect(normalized.status == 0, "\(normalized.standardError)")
        return try JSONReader.value(normalized.standardOutput)[field] ?? .null
    }

    @Test("a renamed class: the closing date")
    func renamedClass() throws {
        let (project, explanation, golden) = try explainAfter({ $0.replacingOccurrences(of: "class=\"vac_display_closing_date\"", with: "class=\"vac-closing-date\"") }, field: "closes")
        defer { project.remove() }
        #expect(explanation.lost && explanation.matches == 0 && explanation.goldenMatches == 1)
        let suggestion = try #require(explanation.suggestion, "no suggestion for closes")
        #expect(suggestion.value == golden)
        #expect(golden == "2023-07-02")
        #expect(try valueWithSuggestion(project, field: "closes", selector: suggestion.selector, rule: "css: .vac_display_closing_date") == golden)
    }

    @Test("a wrapping element: the reference number's value")
    func wrappingElement() throws {
        let (project, explanation, golden) = try explainAfter({ page in
            page.replacingOccurrences(of: "<h3>Reference number</h3>\n                <div class=\"vac_display_field_value\">\n                296730\n                </div>",
                                      with: "<h3>Reference number</h3>\n                <div class=\"vac_display_nullclass\"><div class=\"vac_display_field_value\">\n                296730\n                </div></div>")
        }, field: "reference")
        defer { project.remove() }
        #expect(explanation.lost)
        let suggestion = try #require(explanation.suggestion, "no suggestion for reference")
        #expect(suggestion.value == golden && golden == 296730)
        let rule = "xpath: \"//div[@class='vac_display_field'][normalize-space(h3)='Reference number']/div[@class='vac_display_field_value']\""
        #expect(try valueWithSuggestion(project, field: "reference", selector: suggestion.selector, rule: rule) == golden)
    }

    @Test("a moved block: the title, moved out of its title block")
    func movedBlock() throws {
        let (project, explanation, golden) = try explainAfter({ page in
            let heading = "<h1>Head of Policy Research</h1>"
            return page.replacingOccurrences(of: heading, with: "")
                .replacingOccurrences(of: "<div class=\"vac_display_panel_main_inner\">", with: "<div class=\"vac_display_panel_main_inner\">\(heading)")
        }, field: "title")
        defer { project.remove() }
        #expect(explanation.lost)
        let suggestion = try #require(explanation.suggestion, "no suggestion for title")
        #expect(suggestion.value == golden && golden == "Head of Policy Research")
        #expect(try valueWithSuggestion(project, field: "title", selector: suggestion.selector, rule: "css: \".vac_display_title_block h1\"") == golden)
    }
}
