import SnapdriftCore
import Testing

@Suite("JSON Pointer")
struct JSONPointerTests {
    @Test("RFC 6901 section 5 examples")
    func rfcExamples() throws {
        let document = try JSONReader.value(#"{"foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8}"#)
        let cases: [(String, JSONValue)] = [
            ("", document), ("/foo", .array([.string("bar"), .string("baz")])), ("/foo/0", .string("bar")), ("/", .integer(0)),
            ("/a~1b", .integer(1)), ("/c%d", .integer(2)), ("/e^f", .integer(3)), ("/g|h", .integer(4)), ("/i\\j", .integer(5)),
            ("/k\"l", .integer(6)), ("/ ", .integer(7)), ("/m~0n", .integer(8)),
        ]
        for (text, expected) in cases {
            let pointer = try JSONPointer(text)
            #expect(pointer.resolve(in: document) == expected, "\(text)")
            #expect(pointer.description == text)
        }
        #expect(try JSONPointer("/foo/01").resolve(in: document) == nil)
        #expect(try JSONPointer("/foo/2").resolve(in: document) == nil)
    }

    @Test("malformed pointers are errors")
    func malformed() {
        #expect(throws: SnapdriftError.self) { try JSONPointer("foo") }
        #expect(throws: SnapdriftError.self) { try JSONPointer("/a~2") }
        #expect(throws: SnapdriftError.self) { try JSONPointer("/a~") }
    }

    @Test("patterns: * matches one token; covers includes descendants")
    func patterns() throws {
        let pattern = try JSONPointerPattern("/records/*/tracking_id")
        #expect(pattern.matches(try JSONPointer("/records/3/tracking_id")))
        #expect(!pattern.matches(try JSONPointer("/records/3/title")))
        #expect(pattern.covers(try JSONPointer("/records/3/tracking_id/0")))
        #expect(!pattern.covers(try JSONPointer("/records")))
    }

    @Test("pointers sort with array indices as numbers")
    func ordering() throws {
        let sorted = try ["/a/10", "/a/9", "/a/b", "/a"].map(JSONPointer.init).sorted().map(\.description)
        #expect(sorted == ["/a", "/a/9", "/a/10", "/a/b"])
    }
}
