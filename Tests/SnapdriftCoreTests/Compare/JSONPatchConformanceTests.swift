import Foundation
import SnapdriftCore
import SnapdriftTestSupport
import Testing

/// json-patch/json-patch-tests (`../shared/conformance/json-patch-tests`).
@Suite("JSON Patch conformance", .requiresShared)
struct JSONPatchConformanceTests {
    let cases: [JSONValue]

    init() throws {
        cases = try JSONReader.read(SharedMaterial.bytes("conformance/json-patch-tests/cases.json")).value.arrayValue ?? []
    }

    private var enabled: [JSONObject] {
        cases.compactMap(\.objectValue).filter { $0["disabled"] != .bool(true) }
    }

    @Test("our diff of (doc, expected), applied to doc, gives expected — for every enabled case")
    func diffRoundTrip() throws {
        var checked = 0
        for testCase in enabled {
            guard let doc = testCase["doc"], let expected = testCase["expected"] else { continue }
            let patch = JSONPatch.diff(doc, expected)
            let result = try JSONPatch.apply(patch, to: doc)
            #expect(result == expected, "\(testCase["id"]?.stringValue ?? "?"): \(CanonicalJSON.compact(.array(patch)))")
            checked += 1
        }
        print("json-patch-tests: \(checked) enabled cases with `expected` round-trip through our diff")
        #expect(checked == enabled.filter { $0["expected"] != nil }.count && checked == 74)
    }

    @Test("the tests' patch applier passes the suite's own patch/expected/error cases")
    func applier() throws {
        var passed = 0, refused = 0
        for testCase in enabled {
            guard let doc = testCase["doc"], let patch = testCase["patch"]?.arrayValue else { continue }
            let id = testCase["id"]?.stringValue ?? "?"
            if testCase["error"] != nil {
                #expect(throws: SnapdriftError.self, "\(id) should fail") { try JSONPatch.apply(patch, to: doc) }
                refused += 1
            } else if let expected = testCase["expected"] {
                #expect(try JSONPatch.apply(patch, to: doc) == expected, "\(id)")
                passed += 1
            }
        }
        print("json-patch-tests: \(passed) patches applied as expected, \(refused) refused as expected")
    }

    @Test("snapdrift diff --format json-patch prints the same patch")
    func cli() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        for testCase in enabled.prefix(40) {
            guard let doc = testCase["doc"], let expected = testCase["expected"] else { continue }
            try folder.write("a.json", CanonicalJSON.string(doc))
            try folder.write("b.json", CanonicalJSON.string(expected))
            let outcome = try SnapdriftProcess.run(["diff", "a.json", "b.json", "--format", "json-patch"], in: folder.url)
            #expect(outcome.status == (doc == expected ? 0 : 1))
            let patch = try JSONReader.value(outcome.standardOutput).arrayValue ?? []
            #expect(try JSONPatch.apply(patch, to: doc) == expected)
        }
    }
}
