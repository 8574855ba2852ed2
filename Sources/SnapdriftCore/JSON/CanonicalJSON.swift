/// The one way snapdrift writes JSON: keys sorted by code point, two-space indent, `\n`
/// line ends, UTF-8 unescaped except what JSON requires, numbers in their shortest exact
/// form, a final newline. Equal values always give identical bytes.
public enum CanonicalJSON {
    /// Pretty canonical bytes, with the final newline.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var writer = Writer(pretty: true)
        writer.write(value, indent: 0)
        writer.output.append(0x0A)
        return writer.output
    }

    /// Pretty canonical text, with the final newline.
    public static func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// Canonical text on one line (`{"a":1,"b":[true,null]}`), for messages and JSON Lines.
    public static func compact(_ value: JSONValue) -> String {
        var writer = Writer(pretty: false)
        writer.write(value, indent: 0)
        return String(decoding: writer.output, as: UTF8.self)
    }

    /// Pretty text in the order members were read or built, for people rather than for
    /// comparison (`snapdrift query`).
    public static func readable(_ value: JSONValue) -> String {
        var writer = Writer(pretty: true, sortKeys: false)
        writer.write(value, indent: 0)
        writer.output.append(0x0A)
        return String(decoding: writer.output, as: UTF8.self)
    }

    /// Object keys in canonical order: by Unicode code point (UTF-8 byte order).
    public static func sortedKeys(_ object: JSONObject) -> [String] {
        object.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private struct Writer {
        let pretty: Bool
        let sortKeys: Bool
        var output: [UInt8] = []

        init(pretty: Bool, sortKeys: Bool = true) {
            self.pretty = pretty
            self.sortKeys = sortKeys
            output.reserveCapacity(1024)
        }

        mutating func write(_ value: JSONValue, indent: Int) {
            switch value {
            case .null: append("null")
            case .bool(let flag): append(flag ? "true" : "false")
            case .number(let number): append(number.description)
            case .string(let text): writeString(text)
            case .array(let items):
                guard !items.isEmpty else { return append("[]") }
                output.append(UInt8(ascii: "["))
                for (position, item) in items.enumerated() {
                    if position > 0 { output.append(UInt8(ascii: ",")) }
                    newline(indent + 1)
                    write(item, indent: indent + 1)
                }
                newline(indent)
                output.append(UInt8(ascii: "]"))
            case .object(let object):
                guard !object.isEmpty else { return append("{}") }
                output.append(UInt8(ascii: "{"))
                for (position, key) in (sortKeys ? CanonicalJSON.sortedKeys(object) : Array(object.keys)).enumerated() {
                    if position > 0 { output.append(UInt8(ascii: ",")) }
                    newline(indent + 1)
                    writeString(key)
                    output.append(UInt8(ascii: ":"))
                    if pretty { output.append(0x20) }
                    write(object[key]!, indent: indent + 1)
                }
                newline(indent)
                output.append(UInt8(ascii: "}"))
            }
        }

        private mutating func newline(_ indent: Int) {
            guard pretty else { return }
            output.append(0x0A)
            output.append(contentsOf: repeatElement(0x20, count: indent * 2))
        }

        private mutating func append(_ text: String) {
            output.append(contentsOf: text.utf8)
        }

        private static let hexDigits = Array("0123456789abcdef".utf8)

        private mutating func writeString(_ text: String) {
            output.append(0x22)
            for byte in text.utf8 {
                switch byte {
                case 0x22: output.append(contentsOf: [0x5C, 0x22])
                case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
                case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x00..<0x20:
                    output.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
                default:
                    output.append(byte)
                }
            }
            output.append(0x22)
        }
    }
}
