import Foundation

/// A regular expression compiled once when the spec loads (ICU syntax, as
/// `NSRegularExpression` reads it). Immutable, so shared across threads.
public struct CompiledRegex: @unchecked Sendable, CustomStringConvertible {
    public let pattern: String
    private let expression: NSRegularExpression

    /// Compiles `pattern`; an invalid one is an error saying why.
    public init(_ pattern: String) throws(SnapdriftError) {
        do {
            expression = try NSRegularExpression(pattern: pattern)
        } catch {
            throw SnapdriftError(.invalidSpec, "invalid regular expression '\(pattern)'", underlying: error)
        }
        self.pattern = pattern
    }

    /// The first capture group of the first match (the whole match when the pattern has no
    /// group); nil when nothing matches or the group took no part in the match.
    public func firstCapture(in text: String) -> String? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = expression.firstMatch(in: text, range: range) else { return nil }
        let group = expression.numberOfCaptureGroups > 0 ? match.range(at: 1) : match.range
        guard group.location != NSNotFound, let swiftRange = Range(group, in: text) else { return nil }
        return String(text[swiftRange])
    }

    /// `text` with every match replaced by `template` (`$1` is group 1).
    public func replacingMatches(in text: String, with template: String) -> String {
        expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }

    public var description: String { pattern }
}
