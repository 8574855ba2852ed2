/// An RFC 6901 JSON Pointer: `/records/0/title`, with `~1` for `/` and `~0` for `~`.
public struct JSONPointer: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The unescaped reference tokens; empty for the whole document.
    public let tokens: [String]

    /// The pointer to the whole document.
    public static let root = JSONPointer(tokens: [])

    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Parses pointer text; it must be empty or start with `/`, and `~` must be followed by
    /// `0` or `1`.
    public init(_ text: String) throws(SnapdriftError) {
        guard !text.isEmpty else {
            self.tokens = []
            return
        }
        guard text.hasPrefix("/") else {
            throw SnapdriftError(.invalidPointer, "JSON Pointer '\(text)' must start with '/'")
        }
        var tokens: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var scalars = raw.unicodeScalars.makeIterator()
            while let scalar = scalars.next() {
                if scalar == "~" {
                    switch scalars.next() {
                    case "0": token += "~"
                    case "1": token += "/"
                    default: throw SnapdriftError(.invalidPointer, "JSON Pointer '\(text)': '~' must be followed by '0' or '1'")
                    }
                } else {
                    token.unicodeScalars.append(scalar)
                }
            }
            tokens.append(token)
        }
        self.tokens = tokens
    }

    /// The pointer one level down.
    public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens: tokens + [token]) }

    /// The pointer to array element `index`.
    public func appending(index: Int) -> JSONPointer { appending(String(index)) }

    /// The pointer one level up; nil for the root.
    public var parent: JSONPointer? { tokens.isEmpty ? nil : JSONPointer(tokens: Array(tokens.dropLast())) }

    /// The value the pointer designates in `document`, or nil.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let items):
                guard let position = Self.arrayIndex(token), position < items.count else { return nil }
                current = items[position]
            default:
                return nil
            }
        }
        return current
    }

    /// An array index token: decimal digits without a leading zero.
    public static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              token == "0" || !token.hasPrefix("0") else { return nil }
        return Int(token)
    }

    public var description: String {
        tokens.map { "/" + $0.replacingTildeAndSlash() }.joined()
    }

    public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        for (left, right) in zip(lhs.tokens, rhs.tokens) where left != right {
            // Array indices compare as numbers, so /10 comes after /9.
            if let a = arrayIndex(left), let b = arrayIndex(right) { return a < b }
            return left.utf8.lexicographicallyPrecedes(right.utf8)
        }
        return lhs.tokens.count < rhs.tokens.count
    }
}

/// A JSON Pointer whose tokens may be `*` (any one token), for compare rules such as
/// `/records/*/tracking_id`.
public struct JSONPointerPattern: Sendable, Hashable, CustomStringConvertible {
    public let tokens: [String]
    public let text: String

    public init(_ text: String) throws(SnapdriftError) {
        self.tokens = try JSONPointer(text).tokens
        self.text = text
    }

    /// Whether the pattern designates exactly `pointer`.
    public func matches(_ pointer: JSONPointer) -> Bool {
        tokens.count == pointer.tokens.count && matchesPrefix(of: pointer)
    }

    /// Whether the pattern designates `pointer` or one of its ancestors (so `/body` covers
    /// `/body/0/text`).
    public func covers(_ pointer: JSONPointer) -> Bool {
        tokens.count <= pointer.tokens.count && matchesPrefix(of: pointer)
    }

    private func matchesPrefix(of pointer: JSONPointer) -> Bool {
        for (pattern, token) in zip(tokens, pointer.tokens) where pattern != "*" && pattern != token {
            return false
        }
        return true
    }

    public var description: String { text }
}

extension String {
    fileprivate func replacingTildeAndSlash() -> String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "~": result += "~0"
            case "/": result += "~1"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
