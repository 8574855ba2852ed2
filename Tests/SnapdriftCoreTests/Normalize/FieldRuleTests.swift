import Foundation
import SnapdriftCore
import Testing

@Suite("Field rules")
struct FieldRuleTests {
    private func normalize(_ yaml: String, html: String, sidecar: FixtureSidecar? = nil) throws -> NormalizationResult {
        let spec = try SpecLoader.load(yaml: yaml, file: "spec.yml", source: "test", folder: "/tmp")
        let page = try Page(bytes: Array(html.utf8), format: .html, sidecar: sidecar)
        return try FieldNormalizer(spec: spec).normalize(page)
    }

    @Test("types: integer, number, boolean, date, datetime, duration, url")
    func types() throws {
        let result = try normalize("""
        fields:
          count: { css: "#count", type: integer }
          price: { css: "#price", type: number }
          flag: { css: "#flag", type: boolean }
          day: { css: "#day", regex: "on (.+)", type: date, date_format: "d MMMM yyyy" }
          iso_day: { css: "#iso", type: date }
          stamp: { css: "#iso", type: datetime }
          minutes: { css: "#time", attr: datetime, type: duration }
          link: { css: "a", attr: href, type: url }
        """, html: """
        <html><head><base href="/jobs/"></head><body>
        <p id=count> 1,234 </p><p id=price>0.10</p><p id=flag>Yes</p><p id=day>Closes on 2 July 2023</p>
        <p id=iso>2023-07-02T21:00:00+01:00</p><time id=time datetime="PT1H20M">80 min</time><a href="12?x=1">job</a>
        </body></html>
        """, sidecar: FixtureSidecar(url: "https://example.org/search?page=1"))
        let record = result.normalized
        #expect(record["count"] == 1234)
        #expect(record["price"].map(CanonicalJSON.compact) == "0.1")
        #expect(record["flag"] == true)
        #expect(record["day"] == "2023-07-02")
        #expect(record["iso_day"] == "2023-07-02")
        #expect(record["stamp"] == "2023-07-02T20:00:00Z")
        #expect(record["minutes"] == 80)
        #expect(record["link"] == "https://example.org/jobs/12?x=1")
    }

    @Test("a value that cannot be coerced is null, with the reason in provenance")
    func coercionFailure() throws {
        let result = try normalize("""
        fields:
          count: { css: p, type: integer }
          day: { css: p, type: date, date_format: "d MMMM yyyy" }
          missed: { css: p, regex: "£(\\\\d+)" }
        """, html: "<p>3.5 things</p>")
        #expect(result.normalized["count"] == .null)
        #expect(result.provenance["count"]?["notes"] == ["'3.5 things' is not a number"])
        #expect(result.normalized["day"] == .null)
        #expect(result.provenance["day"]?["notes"] == ["'3.5 things' does not match date_format 'd MMMM yyyy'"])
        #expect(result.normalized["missed"] == .null)
        #expect(result.provenance["missed"]?["notes"] == ["regex '£(\\d+)' did not match '3.5 things'"])
    }

    @Test("transforms in order; text transforms apply to each item")
    func transforms() throws {
        let result = try normalize("""
        fields:
          tags: { css: li, all: true, transforms: [upper, { strip: "!" }] }
          words: { css: "#w", transforms: [{ split: ", " }, compact, { join: { separator: "|" } }] }
          first: { css: li, all: true, transforms: [last] }
          clean: { css: "#w", transforms: [{ replace: { pattern: "(\\\\w+), ,", with: "<$1>" } }, lower] }
        """, html: "<ul><li>!a!</li><li>b!</li></ul><p id=w>One, , Two</p>")
        #expect(result.normalized["tags"] == ["A", "B"])
        #expect(result.normalized["words"] == "One|Two")
        #expect(result.normalized["first"] == "b!")
        #expect(result.normalized["clean"] == "<one> two")
    }

    @Test("attr html and outer_html, raw text, defaults, and a rule that matches nothing")
    func readings() throws {
        let result = try normalize("""
        fields:
          inner: { css: div, attr: html }
          outer: { css: b, attr: outer_html }
          raw: { css: div, text: raw }
          stage: { css: ".stage", default: open }
          missing: { css: ".nothing" }
        """, html: "<div>\n  a <b>bold</b>\n</div>")
        #expect(result.normalized["inner"] == "\n  a <b>bold</b>\n")
        #expect(result.normalized["outer"] == "<b>bold</b>")
        #expect(result.normalized["raw"] == "\n  a bold\n")
        #expect(result.normalized["stage"] == "open")
        #expect(result.normalized["missing"] == .null)
        #expect(result.provenance["missing"]?["matches"] == 0)
        #expect(result.provenance["missing"]?["notes"] == ["no match"])
    }

    @Test("pairs: containers, dt/dd siblings, th/td rows, repeated labels")
    func pairs() throws {
        let result = try normalize("""
        fields:
          panel: { pairs: { each: .f, key: h3, value: .v } }
          terms: { pairs: { key: dt, value: dd } }
          table: { pairs: { each: tr, key: th, value: td } }
        """, html: """
        <div class=f><h3>Grade</h3><div class=v>A</div><div class=v>B</div></div>
        <div class=f><h3>Salary</h3><div class=v>£1</div></div>
        <dl><dt>Type</dt><dd>Permanent</dd><dt>Hours</dt><dd>Full</dd><dd>Part</dd><dt>Type</dt><dd>Fixed</dd></dl>
        <table><tr><th>Band</th><td>7</td></tr></table>
        """)
        #expect(result.normalized["panel"] == ["Grade": ["A", "B"], "Salary": "£1"])
        #expect(result.normalized["terms"] == ["Type": ["Permanent", "Fixed"], "Hours": ["Full", "Part"]])
        #expect(result.normalized["table"] == ["Band": "7"])
        #expect(result.provenance["terms"]?["notes"] == ["label 'Type' appears more than once"])
    }

    @Test("listing pages: one record per match, fields relative to each, finalize per record")
    func listing() throws {
        let result = try normalize("""
        records: { each: li.job, key: ref }
        fields:
          ref: { css: .ref }
          title: h3
          salary: { css: .pay, regex: "£([0-9,]+)", type: integer }
        finalize:
          fields:
            uid: { template: "job-{ref}" }
            band: { from: salary, regex: "^(\\\\d)", type: integer }
          defaults: { stage: open }
          drop: [salary]
        """, html: """
        <ul><li class=job><h3>A</h3><span class=ref>1</span><span class=pay>£20,000</span></li>
        <li class=job><h3>B</h3><span class=ref>2</span></li></ul>
        """)
        #expect(result.normalized == ["records": [["ref": "1", "title": "A", "salary": 20000], ["ref": "2", "title": "B", "salary": nil]]])
        #expect(result.finalized == ["records": [
            ["ref": "1", "title": "A", "uid": "job-1", "band": 2, "stage": "open"],
            ["ref": "2", "title": "B", "uid": "job-2", "band": nil, "stage": "open"],
        ]])
        #expect(result.provenance["@each"]?["matches"] == 2)
        #expect(result.provenance["records"]?.arrayValue?[1]["@finalize"]?["band"]?["notes"] == nil)
    }

    @Test("a template with a null field is null, and says which")
    func templateNull() throws {
        let result = try normalize("""
        fields:
          ref: .ref
        finalize:
          fields:
            uid: { template: "x-{ref}" }
        """, html: "<p>none</p>")
        #expect(result.finalized["uid"] == .null)
        #expect(result.provenance["@finalize"]?["uid"]?["notes"] == ["'{ref}' is null"])
    }

    @Test("JSON pages: pointers, records from an array")
    func jsonPages() throws {
        let spec = try SpecLoader.load(yaml: """
        format: json
        records: { each: /data/items, key: id }
        fields:
          id: /id
          title: { json: /attributes/title, transforms: [trim] }
          salary: { json: /attributes/salary, type: number }
        """, file: "spec.yml", source: "api", folder: "/tmp")
        let page = try Page(bytes: Array(#"{"data": {"items": [{"id": 7, "attributes": {"title": " Clerk ", "salary": 21000.50}}]}}"#.utf8), format: .json)
        let result = try FieldNormalizer(spec: spec).normalize(page)
        #expect(result.normalized == ["records": [["id": 7, "title": "Clerk", "salary": .number(JSONNumber("21000.5")!)]]])
    }

    @Test("JSON-LD: objects in @graph, type arrays and prefixes, fallback paths, texts")
    func jsonld() throws {
        let result = try normalize("""
        fields:
          name: { jsonld: { type: Recipe, path: name } }
          image: { jsonld: { type: Recipe, path: [image.url, image] }, transforms: [first] }
          steps: { jsonld: { type: Recipe, path: recipeInstructions }, transforms: [texts] }
          author: { jsonld: { type: Recipe, path: author.name } }
          org: { jsonld: { type: Organization, path: name } }
        """, html: """
        <script type="application/ld+json">
        <!--
        {"@context": "https://schema.org", "@graph": [
          {"@type": ["https://schema.org/Recipe", "Thing"], "name": "Soup", "image": ["a.jpg", "b.jpg"],
           "author": [{"@type": "Person", "name": "Ann"}],
           "recipeInstructions": [{"@type": "HowToSection", "itemListElement": [{"@type": "HowToStep", "text": "Boil."}]}, "Serve.",],
          }
        ]}
        -->
        </script>
        <script type="application/ld+json">{"@type": "Organization", "name": "Kitchen"}</script>
        """)
        #expect(result.normalized["name"] == "Soup")
        #expect(result.normalized["image"] == "a.jpg")
        #expect(result.normalized["steps"] == ["Boil.", "Serve."])
        #expect(result.normalized["author"] == "Ann")
        #expect(result.normalized["org"] == "Kitchen")
        #expect(result.provenance["name"]?["notes"] == ["JSON-LD read leniently: trailing_comma, wrapper"])
    }
}
