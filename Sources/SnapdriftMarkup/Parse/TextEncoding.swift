#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a page's character encoding was learnt from, in the order they are tried.
public enum EncodingSource: String, Sendable, Equatable {
    /// A UTF-8 or UTF-16 byte order mark.
    case byteOrderMark = "bom"
    /// The `charset` parameter of the HTTP `Content-Type` the caller passed (sidecar).
    case httpHeader = "http"
    /// `<meta charset>` or `<meta http-equiv="Content-Type">` in the first 1024 bytes.
    case metaTag = "meta"
    /// The `encoding` of an `<?xml ...?>` declaration.
    case xmlDeclaration = "xml"
    /// Nothing declared: UTF-8.
    case defaulted = "default"
}

/// The character encoding a page was decoded with.
public struct SniffedEncoding: Sendable, Equatable, CustomStringConvertible {
    /// Canonical lower-case label (WHATWG names): `utf-8`, `windows-1252`, `shift_jis`, ...
    public let label: String
    /// Where the label came from.
    public let source: EncodingSource

    /// Creates a value; `label` should be a canonical lower-case label.
    public init(label: String, source: EncodingSource) {
        self.label = label
        self.source = source
    }

    public var description: String { "\(label) (from \(source.rawValue))" }
}

/// Encoding detection as browsers do it (BOM, transport, `<meta>` prescan, default), reduced
/// to what captured pages need.
enum EncodingSniffer {
    /// The encoding of `bytes` and the length of its byte order mark, if any.
    static func sniff(_ bytes: UnsafeBufferPointer<UInt8>, contentType: String?) -> (SniffedEncoding, bomLength: Int) {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return (SniffedEncoding(label: "utf-8", source: .byteOrderMark), 3)
        }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return (SniffedEncoding(label: "utf-16le", source: .byteOrderMark), 2)
        }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return (SniffedEncoding(label: "utf-16be", source: .byteOrderMark), 2)
        }
        if let contentType, let declared = charset(inContentType: contentType), let label = canonicalLabel(declared) {
            return (SniffedEncoding(label: label, source: .httpHeader), 0)
        }
        let head = UnsafeBufferPointer(rebasing: bytes.prefix(1024))
        if let declared = xmlDeclarationEncoding(head), let label = canonicalLabel(declared) {
            return (SniffedEncoding(label: asciiCompatible(label), source: .xmlDeclaration), 0)
        }
        if let declared = metaCharset(head), let label = canonicalLabel(declared) {
            return (SniffedEncoding(label: asciiCompatible(label), source: .metaTag), 0)
        }
        return (SniffedEncoding(label: "utf-8", source: .defaulted), 0)
    }

    /// A page cannot declare UTF-16 from inside itself: the declaration was readable as ASCII,
    /// so the page is not UTF-16 (WHATWG: treat as UTF-8).
    private static func asciiCompatible(_ label: String) -> String {
        label.hasPrefix("utf-16") ? "utf-8" : label
    }

    /// The `charset` parameter of a `Content-Type` value.
    static func charset(inContentType value: String) -> String? {
        for parameter in value.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            if parts[0].trimmingASCIIWhitespace().lowercased() == "charset" {
                let raw = parts[1].trimmingASCIIWhitespace()
                let unquoted = raw.trimmingCharacters(in: "\"'")
                return unquoted.isEmpty ? nil : unquoted
            }
        }
        return nil
    }

    private static func xmlDeclarationEncoding(_ head: UnsafeBufferPointer<UInt8>) -> String? {
        let prefix = Array("<?xml".utf8)
        guard head.count > prefix.count, Array(head.prefix(prefix.count)) == prefix else { return nil }
        guard let end = head.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = String(decoding: head[..<end], as: UTF8.self)
        guard let range = declaration.firstRange(of: "encoding") else { return nil }
        var rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        return String(rest.prefix { $0 != quote })
    }

    /// The charset of the first `<meta>` that declares one (WHATWG prescan, simplified:
    /// comments skipped, attributes parsed with or without quotes).
    static func metaCharset(_ head: UnsafeBufferPointer<UInt8>) -> String? {
        let lower = head.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        var index = 0
        while index < lower.count {
            if lower[index] != UInt8(ascii: "<") { index += 1; continue }
            if lower[index...].starts(with: Array("<!--".utf8)) {
                guard let close = find(Array("-->".utf8), in: lower, from: index + 4) else { return nil }
                index = close + 3
                continue
            }
            guard lower[index...].starts(with: Array("<meta".utf8)), index + 5 < lower.count,
                  isSpaceOrSlash(lower[index + 5]) else {
                index += 1
                continue
            }
            var cursor = index + 5
            var attributes: [(String, String)] = []
            while let (name, value, next) = nextAttribute(lower, from: cursor) {
                attributes.append((name, value))
                cursor = next
            }
            index = cursor + 1
            if let charset = attributes.first(where: { $0.0 == "charset" })?.1, !charset.isEmpty {
                return charset
            }
            let isContentType = attributes.contains { $0.0 == "http-equiv" && $0.1 == "content-type" }
            if isContentType, let content = attributes.first(where: { $0.0 == "content" })?.1,
               let range = content.firstRange(of: "charset") {
                let value: Substring = content[range.upperBound...].drop { $0 == " " || $0 == "=" }
                let unquoted: String = value.trimmingCharacters(in: "\"'")
                let charset: Substring = unquoted.prefix { (character: Character) -> Bool in
                    character != ";" && character != " " && character != "\"" && character != "'"
                }
                if !charset.isEmpty { return String(charset) }
            }
        }
        return nil
    }

    private static func isSpaceOrSlash(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D || byte == UInt8(ascii: "/")
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// One attribute of a tag in the prescan; nil at `>` or the end of the buffer.
    private static func nextAttribute(_ bytes: [UInt8], from start: Int) -> (String, String, Int)? {
        var index = start
        while index < bytes.count, isSpaceOrSlash(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] != UInt8(ascii: ">") else { return nil }
        var name: [UInt8] = []
        while index < bytes.count, !isSpaceOrSlash(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">") {
            name.append(bytes[index])
            index += 1
        }
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
            return (String(decoding: name, as: UTF8.self), "", index)
        }
        index += 1
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        var value: [UInt8] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
            let quote = bytes[index]
            index += 1
            while index < bytes.count, bytes[index] != quote {
                value.append(bytes[index])
                index += 1
            }
            index += 1
        } else {
            while index < bytes.count, !isSpaceOrSlash(bytes[index]), bytes[index] != UInt8(ascii: ">") {
                value.append(bytes[index])
                index += 1
            }
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self), index)
    }

    /// WHATWG's label table for the encodings captured pages use; nil for an unknown label.
    static func canonicalLabel(_ label: String) -> String? {
        let key = label.trimmingASCIIWhitespace().lowercased()
        if let known = labels[key] { return known }
        if key.hasPrefix("iso-8859-") || key.hasPrefix("windows-125") { return key }
        return nil
    }

    private static let labels: [String: String] = {
        var table: [String: String] = [:]
        func add(_ name: String, _ aliases: [String]) {
            table[name] = name
            for alias in aliases { table[alias] = name }
        }
        add("utf-8", ["utf8", "unicode-1-1-utf-8", "x-unicode20utf8", "unicode20utf8"])
        add("windows-1252", ["cp1252", "x-cp1252", "latin1", "l1", "iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1",
                             "iso_8859-1:1987", "iso-ir-100", "csisolatin1", "us-ascii", "ascii", "ansi_x3.4-1968",
                             "cp819", "ibm819"])
        add("iso-8859-2", ["latin2", "l2", "iso8859-2", "iso_8859-2"])
        add("iso-8859-15", ["latin9", "l9", "iso8859-15", "iso_8859-15"])
        add("windows-1250", ["cp1250", "x-cp1250"])
        add("windows-1251", ["cp1251", "x-cp1251"])
        add("koi8-r", ["koi8", "koi", "cskoi8r"])
        add("koi8-u", ["koi8-ru"])
        add("shift_jis", ["sjis", "shift-jis", "ms_kanji", "x-sjis", "windows-31j", "csshiftjis", "ms932"])
        add("euc-jp", ["x-euc-jp", "cseucpkdfmtjapanese"])
        add("iso-2022-jp", ["csiso2022jp"])
        add("gbk", ["gb2312", "x-gbk", "chinese", "gb_2312-80", "csgb2312", "iso-ir-58"])
        add("gb18030", [])
        add("big5", ["big5-hkscs", "x-x-big5", "cn-big5", "csbig5"])
        add("euc-kr", ["ks_c_5601-1987", "windows-949", "cseuckr", "korean"])
        add("utf-16le", ["utf-16", "ucs-2", "unicode", "csunicode", "iso-10646-ucs-2"])
        add("utf-16be", ["unicodefffe"])
        add("macintosh", ["mac", "x-mac-roman", "csmacintosh"])
        return table
    }()
}

/// Decoding to UTF-8, with every undecodable sequence replaced by U+FFFD and counted.
enum Transcoder {
    /// The name glibc's iconv knows a canonical label by (WHATWG decoders are supersets of
    /// the standards their labels name: windows-31j for shift_jis, gb18030 for gbk, ...).
    private static func iconvName(_ label: String) -> String {
        switch label {
        case "shift_jis": return "CP932"
        case "gbk": return "GB18030"
        case "big5": return "BIG5-HKSCS"
        case "euc-kr": return "CP949"
        default: return label.uppercased()
        }
    }

    /// `bytes` decoded from `label` to UTF-8 bytes, and how many sequences were replaced.
    static func toUTF8(_ bytes: UnsafeBufferPointer<UInt8>, from label: String) throws(MarkupError) -> (bytes: [UInt8], replaced: Int) {
        let descriptor = iconv_open("UTF-8", iconvName(label))
        if descriptor == iconv_t(bitPattern: -1) {
            throw MarkupError(.unsupportedEncoding, "cannot decode the declared encoding '\(label)'")
        }
        defer { iconv_close(descriptor) }
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var written = 0
        var replaced = 0
        var inputOffset = 0
        while inputOffset < bytes.count {
            var inputLeft = bytes.count - inputOffset
            var outputLeft = output.count - written
            let result: Int = output.withUnsafeMutableBufferPointer { out in
                var inPointer = UnsafeMutablePointer<CChar>(mutating: UnsafeRawPointer(bytes.baseAddress! + inputOffset)
                    .assumingMemoryBound(to: CChar.self))
                var outPointer = Optional(UnsafeMutableRawPointer(out.baseAddress! + written).assumingMemoryBound(to: CChar.self))
                var inOptional = Optional(inPointer)
                let status = iconv(descriptor, &inOptional, &inputLeft, &outPointer, &outputLeft)
                inPointer = inOptional!
                return status
            }
            let consumed = (bytes.count - inputOffset) - inputLeft
            inputOffset += consumed
            written = output.count - outputLeft
            if result != -1 { break }
            switch errno {
            case E2BIG:
                output.append(contentsOf: repeatElement(0, count: output.count))
            case EILSEQ, EINVAL:
                // An undecodable or truncated sequence: one replacement character per byte.
                if output.count - written < 3 { output.append(contentsOf: repeatElement(0, count: 64)) }
                output[written] = 0xEF
                output[written + 1] = 0xBF
                output[written + 2] = 0xBD
                written += 3
                replaced += 1
                inputOffset += 1
            default:
                throw MarkupError(.unsupportedEncoding, "decoding '\(label)' failed (errno \(errno))")
            }
        }
        output.removeSubrange(written...)
        return (output, replaced)
    }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> String {
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    func trimmingCharacters(in set: String) -> String {
        var text = Substring(String(self))
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
