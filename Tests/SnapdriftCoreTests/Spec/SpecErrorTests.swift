import SnapdriftCore
import Testing

/// Every malformed spec is an error in compiler form, `file:line:col: error: …`.
@Suite("Spec errors")
struct SpecErrorTests {
    private func load(_ yaml: String) throws(SnapdriftError) -> Spec {
        try SpecLoader.load(yaml: yaml, file: "Fixtures/jobs/spec.yml", source: "jobs", folder: "/tmp")
    }

    private func error(_ yaml: String) -> SnapdriftError? {
        do {
            _ = try load(yaml)
            return nil
        } catch {
            return error
        }
    }

    @Test("an unknown key names its line and column and suggests the near miss")
    func unknownKey() throws {
        let failure = try #require(error("""
        fields:
          title:
            css: h1
            requird: true
        """))
        #expect(failure.description == """
        Fixtures/jobs/spec.yml:4:5: error: unknown key 'requird' in 'fields.title'
        note: did you mean 'required'?
        """)
    }

    @Test("an unknown top-level key and an unknown type name get suggestions too")
    func suggestions() throws {
        let failure = try #require(error("""
        feilds:
          title: h1
        """))
        #expect(failure.description.hasPrefix("Fixtures/jobs/spec.yml:1:1: error: unknown key 'feilds' in the spec\nnote: did you mean 'fields'?"))
        let typeFailure = try #require(error("fields:\n  closes: { css: .c, type: dat }\n"))
        #expect(typeFailure.description == "Fixtures/jobs/spec.yml:2:28: error: unknown value 'dat' for 'fields.closes.type'\nnote: did you mean 'date'?")
    }

    @Test("a wrong type names what it got")
    func wrongType() throws {
        let failure = try #require(error("""
        schema_version: three
        fields:
          title: { css: h1, all: "yes please" }
        """))
        #expect(failure.description.hasPrefix("Fixtures/jobs/spec.yml:1:17: error: 'schema_version' must be an integer, not a string ('three')"))
        #expect(failure.additional.map(\.description) == ["Fixtures/jobs/spec.yml:3:26: error: 'fields.title.all' must be true or false, not a string ('yes please')"])
    }

    @Test("a bad regular expression points at the pattern")
    func badRegex() throws {
        let failure = try #require(error("fields:\n  salary: { css: .salary, regex: \"£([0-9\" }\n"))
        #expect(failure.location?.line == 2)
        #expect(failure.location?.column == 34)
        #expect(failure.message.hasPrefix("invalid regular expression '£([0-9'"))
    }

    @Test("a bad selector points at the column inside the selector")
    func badSelector() throws {
        let plain = try #require(error("fields:\n  title: { css: div > :not(p)) }\n"))
        #expect(plain.description == "Fixtures/jobs/spec.yml:2:30: error: invalid CSS selector: unexpected ')' at column 14 in 'div > :not(p))'")
        let quoted = try #require(error("fields:\n  title: { css: \"h1..x\" }\n"))
        // The selector starts after the quote, at column 18; the second '.' is its 4th character.
        #expect(quoted.location?.column == 21)
        let xpath = try #require(error("fields:\n  id: { xpath: \"//input[@name='ref'\" }\n"))
        #expect(xpath.message.hasPrefix("invalid XPath:"))
        #expect(xpath.location?.line == 2)
    }

    @Test("bad pointers, a missing source, two sources, and a migration from a version above the current one")
    func structuralErrors() throws {
        let pointer = try #require(error("format: json\nfields:\n  title: { json: data/title }\n"))
        #expect(pointer.description == "Fixtures/jobs/spec.yml:3:18: error: JSON Pointer 'data/title' must start with '/'")
        let missing = try #require(error("fields:\n  title: { required: true }\n"))
        #expect(missing.message == "field 'title' needs one of 'css', 'xpath', 'jsonld', 'json' or 'pairs'")
        let both = try #require(error("fields:\n  title: { css: h1, xpath: //h1 }\n"))
        #expect(both.message == "field 'title' has both 'css' and 'xpath'; give one")
        let migration = try #require(error("schema_version: 2\nfields:\n  title: h1\nmigrations:\n  3: { drop: [\"/x\"] }\n"))
        #expect(migration.description.hasPrefix("Fixtures/jobs/spec.yml:5:3: error: migration from version 3 is not below schema_version 2"))
        let empty = try #require(error("schema_version: 1\n"))
        #expect(empty.message == "a spec needs 'fields' (field rules) or a 'normalizer' (an external command)")
        let records = try #require(error("records: { each: li, key: refcode }\nfields:\n  reference: li\n"))
        #expect(records.message == "records.key 'refcode' is not a field")
        let template = try #require(error("fields:\n  reference: li\nfinalize:\n  fields:\n    uid: { template: \"x-{referense}\" }\n"))
        #expect(template.description.contains("template 'x-{referense}' reads '{referense}', which is not a field\nnote: did you mean '{reference}'?"))
    }

    @Test("YAML syntax errors and duplicate keys have positions")
    func yamlErrors() throws {
        let syntax = try #require(error("fields:\n  title: { css: h1\n  body: p\n"))
        #expect(syntax.message.hasPrefix("invalid YAML"))
        #expect(syntax.location?.line != nil)
        let duplicate = try #require(error("fields:\n  title: h1\n  title: h2\n"))
        #expect(duplicate.message == "duplicate key 'title'")
        #expect(duplicate.location?.line != nil)
    }

    @Test("transforms and date formats are checked")
    func transformsAndDates() throws {
        let unknown = try #require(error("fields:\n  t: { css: h1, transforms: [lowr] }\n"))
        #expect(unknown.description == "Fixtures/jobs/spec.yml:2:30: error: unknown transform 'lowr'\nnote: did you mean 'lower'?")
        let parameter = try #require(error("fields:\n  t: { css: h1, transforms: [{ split: { sep: \",\" } }] }\n"))
        #expect(parameter.message == "unknown parameter 'sep' for transform 'split'")
        let dateWithoutType = try #require(error("fields:\n  t: { css: h1, date_format: yyyy }\n"))
        #expect(dateWithoutType.message.hasPrefix("'date_format' applies to type date or datetime"))
    }

    @Test("every problem of a pass is reported, not just the first")
    func allProblems() throws {
        let structure = try #require(error("fields:\n  a: { css: h1, requird: true }\n  b: { css: p, al: true }\n"))
        #expect(([structure] + structure.additional).map { $0.location?.line } == [2, 3])
        let compiled = try #require(error("fields:\n  a: { css: 'h1[' }\n  b: { xpath: '//p[' }\n  c: { css: p, regex: '(' }\n"))
        #expect(([compiled] + compiled.additional).map { $0.location?.line } == [2, 3, 4])
    }

    @Test("comments and key order do not change spec_sha256; a value does")
    func specHash() throws {
        let first = try load("fields:\n  title: { css: h1, required: true }\n  body: p\n")
        let reordered = try load("# a comment\nfields:\n  body: p   # trailing\n  title: { required: true, css: h1 }\n")
        let changed = try load("fields:\n  title: { css: h2, required: true }\n  body: p\n")
        #expect(first.sha256 == reordered.sha256)
        #expect(first.sha256 != changed.sha256)
        #expect(first.sha256.count == 64)
    }
}
