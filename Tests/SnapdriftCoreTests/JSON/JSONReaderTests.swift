import SnapdriftCore
import SnapdriftTestSupport
import Testing

@Suite("JSON reader and canonical writer")
struct JSONReaderTests {
    private func canonical(_ text: String) throws -> String {
        CanonicalJSON.string(try JSONReader.value(text))
    }

    @Test("numbers keep their exact value and print in shortest form", arguments: [
        ("0.1", "0.1"), ("1.0", "1"), ("10e-1", "1"), ("-0", "0"), ("1E400", "1e+400"), ("-1.5e-7", "-1.5e-7"),
        ("18446744073709551617", "18446744073709551617"), ("123456789012345678901234567890.5", "1.234567890123456789012345678905e+29"),
        ("0.000001", "0.000001"), ("1e21", "1e+21"), ("100", "100"), ("2.50", "2.5"), ("1e-400", "1e-400"),
    ])
    func exactNumbers(input: String, expected: String) throws {
        let value = try JSONReader.value(input)
        #expect(CanonicalJSON.compact(value) == expected)
        #expect(try JSONReader.value(expected) == value)
    }

    @Test("equal numbers are equal whatever their spelling")
    func numberEquality() throws {
        #expect(try JSONReader.value("1.0") == JSONReader.value("1"))
        #expect(try JSONReader.value("[1e2]") == JSONReader.value("[100]"))
        #expect(try JSONReader.value("0.1") != JSONReader.value("0.10000000000000001"))
        #expect(JSONNumber("3")! < JSONNumber("10")!)
        #expect(JSONNumber("-3")! < JSONNumber("-2.5")!)
    }

    @Test("canonical form: sorted keys, two-space indent, unescaped UTF-8, final newline")
    func canonicalLayout() throws {
        let text = #"{"b": [1, {"z": null, "a": "é\n\u0001\"\\/"}], "a": {}, "c": []}"#
        #expect(try canonical(text) == """
        {
          "a": {},
          "b": [
            1,
            {
              "a": "é\\n\\u0001\\"\\\\/",
              "z": null
            }
          ],
          "c": []
        }

        """)
    }

    @Test("key order is kept when reading, and does not matter for equality")
    func keyOrder() throws {
        let value = try JSONReader.value(#"{"z": 1, "a": 2}"#)
        #expect(value.objectValue?.keys.elements == ["z", "a"])
        #expect(value == (try JSONReader.value(#"{"a": 2, "z": 1}"#)))
    }

    @Test("duplicate keys are reported with their position; the last value wins")
    func duplicateKeys() throws {
        let result = try JSONReader.read(Array("{\n  \"a\": 1,\n  \"a\": 2\n}".utf8))
        #expect(result.value["a"] == .integer(2))
        #expect(result.duplicateKeys == [JSONDuplicateKey(key: "a", line: 3, column: 3)])
    }

    @Test("errors carry line and column")
    func errorPositions() {
        #expect {
            try JSONReader.value("{\n  \"a\": 1,\n}")
        } throws: { error in
            let error = error as! SnapdriftError
            return error.message == "trailing comma before '}'" && error.location?.line == 3 && error.location?.column == 1
        }
        #expect {
            try JSONReader.value("[1, 2] x")
        } throws: { error in
            (error as! SnapdriftError).description == "1:8: error: unexpected 'x' after the JSON value"
        }
    }

    @Test("deep nesting is an error, not a stack overflow")
    func depthLimit() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect {
            try JSONReader.value(deep)
        } throws: { error in
            (error as! SnapdriftError).message == "nesting deeper than 512 levels"
        }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try JSONReader.value(fine) }
    }

    @Test("lenient reading accepts what JSON-LD blocks contain, and says which leniency it used")
    func lenient() throws {
        let text = "/* x */ {\"name\": \"a\tb\", \"list\": [1, 2,], \"q\": \"it\\'s\"}\n{\"second\": true}"
        #expect(throws: SnapdriftError.self) { try JSONReader.read(Array(text.utf8)) }
        let result = try JSONReader.read(Array(text.utf8), options: .lenient)
        #expect(result.values.count == 2)
        #expect(result.value["name"] == .string("a\tb"))
        #expect(result.value["q"] == .string("it's"))
        #expect(result.leniencies == [.badEscape, .comment, .multipleValues, .controlCharacter, .trailingComma].sorted())
    }

    @Test("round trip: read → canonical write → read gives an equal value; writing is idempotent")
    func roundTripProperty() throws {
        var generator = SeededGenerator(seed: 0x5EED)
        for _ in 0..<500 {
            let value = randomValue(depth: 0, using: &generator)
            let bytes = CanonicalJSON.bytes(value)
            let reread = try JSONReader.read(bytes).value
            #expect(reread == value)
            #expect(CanonicalJSON.bytes(reread) == bytes)
            // Compact form reads back to the same value too.
            #expect(try JSONReader.value(CanonicalJSON.compact(value)) == value)
        }
    }

    private func randomValue(depth: Int, using generator: inout SeededGenerator) -> JSONValue {
        let pick = Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &generator)
        switch pick {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2:
            let digits = (0..<Int.random(in: 1...30, using: &generator)).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let text = (Bool.random(using: &generator) ? "-" : "") + "1" + digits + (Bool.random(using: &generator) ? "e\(Int.random(in: -500...500, using: &generator))" : "")
            return .number(JSONNumber(text)!)
        case 3:
            let pool: [String] = ["a", "é", "\n", "\"", "\\", "\u{1}", "☃", "😀", " ", "\u{7F}", "\u{2028}", "x"]
            return .string((0..<Int.random(in: 0...8, using: &generator)).map { _ in pool.randomElement(using: &generator)! }.joined())
        case 4:
            return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                object["k\(Int.random(in: 0...20, using: &generator))\(["", "é", "/", "~"].randomElement(using: &generator)!)"] = randomValue(depth: depth + 1, using: &generator)
            }
            return .object(object)
        }
    }
}
