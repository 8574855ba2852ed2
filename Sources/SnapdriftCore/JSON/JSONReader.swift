import OrderedCollections

/// Which departures from RFC 8259 a read tolerates.
public struct JSONReadOptions: Sendable, Equatable {
    /// `[1, 2,]` and `{"a": 1,}`.
    public var allowsTrailingCommas = false
    /// Raw tabs and newlines (any byte below 0x20) inside strings.
    public var allowsControlCharacters = false
    /// `// …` and `/* … */` between tokens.
    public var allowsComments = false
    /// Several values back to back: `{…}{…}`.
    public var allowsMultipleValues = false
    /// `\'` and other unknown escapes read as the escaped character; lone surrogates and
    /// invalid UTF-8 read as U+FFFD.
    public var allowsBadEscapes = false
    /// Deeper nesting is an error, not a stack overflow.
    public var maximumDepth = 512

    public init() {}

    /// RFC 8259 exactly: fixtures, goldens, reports, normalizer output.
    public static let strict = JSONReadOptions()

    /// What browsers and search engines accept in `<script type="application/ld+json">`.
    public static let lenient: JSONReadOptions = {
        var options = JSONReadOptions()
        options.allowsTrailingCommas = true
        options.allowsControlCharacters = true
        options.allowsComments = true
        options.allowsMultipleValues = true
        options.allowsBadEscapes = true
        return options
    }()
}

/// A departure from RFC 8259 that a lenient read accepted.
public enum JSONLeniency: String, Sendable, Hashable, Comparable, CaseIterable {
    case trailingComma = "trailing_comma"
    case controlCharacter = "raw_control_character"
    case comment
    case multipleValues = "multiple_values"
    case badEscape = "bad_escape"
    case invalidUTF8 = "invalid_utf8"
    /// An HTML comment or CDATA wrapper around a JSON-LD block (noted by the extractor).
    case wrapper

    public static func < (lhs: JSONLeniency, rhs: JSONLeniency) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A key that appeared twice in one object (the last value wins, in the first one's place).
public struct JSONDuplicateKey: Sendable, Hashable {
    public var key: String
    public var line: Int
    public var column: Int

    public init(key: String, line: Int, column: Int) {
        self.key = key
        self.line = line
        self.column = column
    }
}

/// The values read from one input, and what was noticed on the way.
public struct JSONReadResult: Sendable {
    /// One value, or several when `allowsMultipleValues` met them.
    public var values: [JSONValue]
    public var duplicateKeys: [JSONDuplicateKey]
    /// The leniencies used, sorted.
    public var leniencies: [JSONLeniency]

    /// The first value.
    public var value: JSONValue { values[0] }
}

/// Our own JSON reader: RFC 8259 by default (Foundation's accepts trailing commas and rounds
/// numbers), exact numbers, key order kept, duplicate keys reported, depth bounded, errors
/// with line and column.
public enum JSONReader {
    /// Reads `bytes`; a syntax error is `SnapdriftError.invalidJSON` with line and column.
    public static func read(_ bytes: [UInt8], options: JSONReadOptions = .strict) throws(SnapdriftError) -> JSONReadResult {
        try bytes.withUnsafeBufferPointer { buffer throws(SnapdriftError) in
            var parser = JSONParser(buffer, options: options)
            return try parser.parseDocument()
        }
    }

    /// Reads a slice of bytes (no copy).
    public static func read(_ bytes: ArraySlice<UInt8>, options: JSONReadOptions = .strict) throws(SnapdriftError) -> JSONReadResult {
        try bytes.withUnsafeBufferPointer { buffer throws(SnapdriftError) in
            var parser = JSONParser(buffer, options: options)
            return try parser.parseDocument()
        }
    }

    /// Reads one strict JSON value from text.
    public static func value(_ text: String) throws(SnapdriftError) -> JSONValue {
        try read(Array(text.utf8)).value
    }
}

private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let options: JSONReadOptions
    var index = 0
    var depth = 0
    var leniencies = Set<JSONLeniency>()
    var duplicates: [JSONDuplicateKey] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>, options: JSONReadOptions) {
        self.bytes = bytes
        self.options = options
    }

    mutating func parseDocument() throws(SnapdriftError) -> JSONReadResult {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        try skipWhitespace()
        guard index < bytes.count else { throw failure("no JSON value (the input is empty)") }
        var values = [try parseValue()]
        try skipWhitespace()
        while index < bytes.count {
            guard options.allowsMultipleValues else { throw failure("unexpected \(describeCurrent()) after the JSON value") }
            // Blocks are sometimes separated by commas or semicolons as well as white space.
            if bytes[index] == UInt8(ascii: ",") || bytes[index] == UInt8(ascii: ";") {
                index += 1
                try skipWhitespace()
                if index >= bytes.count { break }
            }
            leniencies.insert(.multipleValues)
            values.append(try parseValue())
            try skipWhitespace()
        }
        return JSONReadResult(values: values, duplicateKeys: duplicates, leniencies: leniencies.sorted())
    }

    mutating func parseValue() throws(SnapdriftError) -> JSONValue {
        guard index < bytes.count else { throw failure("unexpected end of input, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure("unexpected \(describeCurrent()), expected a value")
        }
    }

    private mutating func enter() throws(SnapdriftError) {
        depth += 1
        if depth > options.maximumDepth { throw failure("nesting deeper than \(options.maximumDepth) levels") }
    }

    private mutating func parseObject() throws(SnapdriftError) -> JSONValue {
        try enter()
        index += 1
        var members = OrderedDictionary<String, JSONValue>()
        try skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(JSONObject(members))
        }
        while true {
            try skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw failure(index < bytes.count ? "unexpected \(describeCurrent()), expected a string key" : "unexpected end of input in an object")
            }
            let keyOffset = index
            let key = try parseString()
            try skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw failure(index < bytes.count ? "unexpected \(describeCurrent()), expected ':'" : "unexpected end of input, expected ':'")
            }
            index += 1
            try skipWhitespace()
            let value = try parseValue()
            if members.updateValue(value, forKey: key) != nil {
                let (line, column) = position(of: keyOffset)
                duplicates.append(JSONDuplicateKey(key: key, line: line, column: column))
            }
            try skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input in an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                try skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    guard options.allowsTrailingCommas else { throw failure("trailing comma before '}'") }
                    leniencies.insert(.trailingComma)
                    index += 1
                    break
                }
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                break
            }
            throw failure("unexpected \(describeCurrent()), expected ',' or '}'")
        }
        depth -= 1
        return .object(JSONObject(members))
    }

    private mutating func parseArray() throws(SnapdriftError) -> JSONValue {
        try enter()
        index += 1
        var items: [JSONValue] = []
        try skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(items)
        }
        while true {
            try skipWhitespace()
            items.append(try parseValue())
            try skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input in an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                try skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    guard options.allowsTrailingCommas else { throw failure("trailing comma before ']'") }
                    leniencies.insert(.trailingComma)
                    index += 1
                    break
                }
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                break
            }
            throw failure("unexpected \(describeCurrent()), expected ',' or ']'")
        }
        depth -= 1
        return .array(items)
    }

    private mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(SnapdriftError) -> JSONValue {
        let count = word.utf8CodeUnitCount
        let matches = index + count <= bytes.count
            && (0..<count).allSatisfy { bytes[index + $0] == word.utf8Start[$0] }
        guard matches else { throw failure("unexpected \(describeCurrent()), expected a value") }
        index += count
        return value
    }

    private mutating func parseNumber() throws(SnapdriftError) -> JSONNumber {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let integerStart = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        let integerDigits = index - integerStart
        guard integerDigits > 0 else { throw failure("invalid number: a digit must follow '-'", at: start) }
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
            throw failure("invalid number: leading zero", at: start)
        }
        var digits = Array(bytes[integerStart..<index])
        var fractionCount = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            fractionCount = index - fractionStart
            guard fractionCount > 0 else { throw failure("invalid number: a digit must follow '.'", at: start) }
            digits += bytes[fractionStart..<index]
        }
        var exponent = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > exponentStart else { throw failure("invalid number: a digit must follow the exponent", at: start) }
            for byte in bytes[exponentStart..<index] {
                let (product, overflow1) = exponent.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = product.addingReportingOverflow(Int(byte - 0x30))
                guard !overflow1, !overflow2, sum < Int.max / 4 else {
                    throw failure("number exponent out of range", at: start)
                }
                exponent = sum
            }
            if exponentNegative { exponent = -exponent }
        }
        if index < bytes.count, isIdentifierByte(bytes[index]) {
            throw failure("invalid number", at: start)
        }
        return JSONNumber(negative: negative, digits: digits, exponent: exponent - fractionCount)
    }

    private mutating func parseString() throws(SnapdriftError) -> String {
        let start = index
        index += 1
        let contentStart = index
        // Fast path: no escapes and no control characters.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[contentStart..<index])
                index += 1
                return try decodeUTF8(slice, stringStart: start)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            index += 1
        }
        var buffer = Array(bytes[contentStart..<index])
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return try buffer.withUnsafeBufferPointer { slice throws(SnapdriftError) in
                    try decodeUTF8(slice, stringStart: start)
                }
            }
            if byte < 0x20 {
                guard options.allowsControlCharacters else {
                    throw failure("control character U+\(hex4(UInt32(byte))) in a string (escape it as \\u\(hex4(UInt32(byte))))")
                }
                leniencies.insert(.controlCharacter)
                buffer.append(byte)
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\\") {
                try parseEscape(into: &buffer)
                continue
            }
            buffer.append(byte)
            index += 1
        }
        throw failure("unterminated string", at: start)
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(SnapdriftError) {
        let escapeStart = index
        index += 1
        guard index < bytes.count else { throw failure("unterminated string", at: escapeStart) }
        let code = bytes[index]
        index += 1
        switch code {
        case UInt8(ascii: "\""): buffer.append(0x22)
        case UInt8(ascii: "\\"): buffer.append(0x5C)
        case UInt8(ascii: "/"): buffer.append(0x2F)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            let first = try readHex4(escapeStart: escapeStart)
            var scalarValue = first
            if (0xD800...0xDBFF).contains(first) {
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                    let save = index
                    index += 2
                    let second = try readHex4(escapeStart: save)
                    if (0xDC00...0xDFFF).contains(second) {
                        scalarValue = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    } else {
                        index = save
                        scalarValue = try loneSurrogate(first, at: escapeStart)
                    }
                } else {
                    scalarValue = try loneSurrogate(first, at: escapeStart)
                }
            } else if (0xDC00...0xDFFF).contains(first) {
                scalarValue = try loneSurrogate(first, at: escapeStart)
            }
            buffer.append(contentsOf: Array(String(Character(Unicode.Scalar(scalarValue)!)).utf8))
        default:
            guard options.allowsBadEscapes, code >= 0x20 else {
                throw failure("invalid escape '\\\(describeByte(code))' in a string", at: escapeStart)
            }
            leniencies.insert(.badEscape)
            buffer.append(code)
        }
    }

    private mutating func loneSurrogate(_ value: UInt32, at offset: Int) throws(SnapdriftError) -> UInt32 {
        guard options.allowsBadEscapes else {
            throw failure("lone surrogate \\u\(hex4(value)) in a string", at: offset)
        }
        leniencies.insert(.badEscape)
        return 0xFFFD
    }

    private mutating func readHex4(escapeStart: Int) throws(SnapdriftError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = hexValue(bytes[index]) else {
                throw failure("invalid \\u escape: four hex digits expected", at: escapeStart)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func decodeUTF8(_ slice: UnsafeBufferPointer<UInt8>, stringStart: Int) throws(SnapdriftError) -> String {
        if let text = String(validating: slice, as: UTF8.self) { return text }
        guard options.allowsBadEscapes else { throw failure("invalid UTF-8 in a string", at: stringStart) }
        leniencies.insert(.invalidUTF8)
        return String(decoding: slice, as: UTF8.self)
    }

    private mutating func skipWhitespace() throws(SnapdriftError) {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            case UInt8(ascii: "/") where options.allowsComments && index + 1 < bytes.count:
                if bytes[index + 1] == UInt8(ascii: "/") {
                    leniencies.insert(.comment)
                    while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                } else if bytes[index + 1] == UInt8(ascii: "*") {
                    leniencies.insert(.comment)
                    let start = index
                    index += 2
                    while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
                    guard index + 1 < bytes.count else { throw failure("unterminated comment", at: start) }
                    index += 2
                } else {
                    return
                }
            default:
                return
            }
        }
    }

    // MARK: Helpers

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private func isIdentifierByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x41...0x46: return UInt32(byte - 0x41 + 10)
        case 0x61...0x66: return UInt32(byte - 0x61 + 10)
        default: return nil
        }
    }

    private func hex4(_ value: UInt32) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    private func describeByte(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return String(UnicodeScalar(byte)) }
        return "U+" + hex4(UInt32(byte))
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of input" }
        let byte = bytes[index]
        if byte >= 0x21 && byte < 0x7F { return "'\(UnicodeScalar(byte))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    /// 1-based line and column (in characters) of a byte offset.
    private func position(of offset: Int) -> (Int, Int) {
        var line = 1
        var column = 1
        var cursor = 0
        while cursor < offset && cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            cursor += 1
        }
        return (line, column)
    }

    private func failure(_ message: String, at offset: Int? = nil) -> SnapdriftError {
        let (line, column) = position(of: offset ?? index)
        return SnapdriftError(.invalidJSON, message, at: SourceLocation(line: line, column: column))
    }
}
