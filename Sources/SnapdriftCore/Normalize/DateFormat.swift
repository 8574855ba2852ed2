import Foundation

/// A `date_format`: a Unicode date pattern read with English names in UTC. `DateFormatter`
/// is not safe to share between threads, so each use takes a lock.
public final class DateFormat: @unchecked Sendable, CustomStringConvertible {
    public let pattern: String
    private let formatter: DateFormatter
    private let lock = NSLock()

    /// Checks the pattern by writing a known date with it and reading it back.
    public init(_ pattern: String) throws(SnapdriftError) {
        self.pattern = pattern
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        formatter.isLenient = false
        let probe = Date(timeIntervalSince1970: 1_700_000_000)
        let written = formatter.string(from: probe)
        guard !pattern.trimmingCharacters(in: .whitespaces).isEmpty, formatter.date(from: written) != nil else {
            throw SnapdriftError(.invalidSpec, "date_format '\(pattern)' cannot read back the dates it writes ('\(written)')")
        }
    }

    /// The date `text` denotes, or nil.
    public func parse(_ text: String) -> Date? {
        lock.withLock { formatter.date(from: text) }
    }

    public var description: String { pattern }
}
