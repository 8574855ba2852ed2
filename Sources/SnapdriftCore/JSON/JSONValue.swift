import OrderedCollections

/// A JSON value that keeps numbers exact and object keys in the order they were read.
///
/// Objects compare equal regardless of key order, as JSON defines them.
public enum JSONValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A short name for the value's type, for messages and `type_changed` changes.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Whether the value is null, `""` or `[]`: what `emptied` and `required` look for.
    public var isEmptyValue: Bool {
        switch self {
        case .null: return true
        case .string(let text): return text.isEmpty
        case .array(let items): return items.isEmpty
        default: return false
        }
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var numberValue: JSONNumber? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// Member `key` of an object; nil for other values or a missing key.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The canonical one-line form.
    public var description: String { CanonicalJSON.compact(self) }

    /// An integer value.
    public static func integer(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }
}

/// A JSON object: members in reading order, equality regardless of order.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// The members, in the order they were read or added.
    public private(set) var members: OrderedDictionary<String, JSONValue>

    public init() { members = [:] }

    public init(_ members: OrderedDictionary<String, JSONValue>) { self.members = members }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members = OrderedDictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public subscript(key: String) -> JSONValue? {
        get { members[key] }
        set { members[key] = newValue }
    }

    public var keys: OrderedSet<String> { members.keys }
    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }

    public func makeIterator() -> OrderedDictionary<String, JSONValue>.Iterator { members.makeIterator() }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? { members.removeValue(forKey: key) }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for (key, value) in lhs.members where rhs.members[key] != value { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: a commutative sum of each member's own hash.
        var sum = 0
        for (key, value) in members {
            var memberHasher = Hasher()
            memberHasher.combine(key)
            memberHasher.combine(value)
            sum = sum &+ memberHasher.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(sum)
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(OrderedDictionary(elements, uniquingKeysWith: { _, last in last })))
    }
    public init(nilLiteral: ()) { self = .null }
}
