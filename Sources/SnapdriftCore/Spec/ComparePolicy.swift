/// How a source's outputs are compared with its goldens (`compare:` in the spec).
public struct ComparePolicy: Sendable {
    public var ignore: [JSONPointerPattern] = []
    public var redact: [JSONPointerPattern] = []
    public var tolerance: [(pattern: JSONPointerPattern, amount: JSONNumber)] = []
    public var unordered: [JSONPointerPattern] = []
    public var severity: [(pattern: JSONPointerPattern, severity: Severity)] = []

    public init() {}

    public func isIgnored(_ path: JSONPointer) -> Bool { ignore.contains { $0.covers(path) } }
    public func isRedacted(_ path: JSONPointer) -> Bool { redact.contains { $0.covers(path) } }
    public func isUnordered(_ path: JSONPointer) -> Bool { unordered.contains { $0.matches(path) } }

    /// The tolerance for numbers at `path`, if one is declared.
    public func tolerance(at path: JSONPointer) -> JSONNumber? {
        tolerance.first { $0.pattern.matches(path) }?.amount
    }

    /// The declared severity for `path`: the most specific (longest) pattern covering it.
    public func severityOverride(at path: JSONPointer) -> Severity? {
        severity.filter { $0.pattern.covers(path) }.max { $0.pattern.tokens.count < $1.pattern.tokens.count }?.severity
    }
}

/// How much a change matters.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    /// Fields added.
    case info
    /// Values changed.
    case drift
    /// A required field lost, a selector that stopped matching, records gone.
    case breaking

    private var rank: Int {
        switch self {
        case .info: return 0
        case .drift: return 1
        case .breaking: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
