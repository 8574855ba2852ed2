/// A place in a file: `Fixtures/jobs/spec.yml:12:5`.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file, as the user would type it (relative to the project root where possible).
    public var file: String?
    /// 1-based line.
    public var line: Int?
    /// 1-based column, in Unicode scalars.
    public var column: Int?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let line {
            parts.append(String(line))
            if let column { parts.append(String(column)) }
        }
        return parts.joined(separator: ":")
    }
}

/// The one error type of the core library: a code to switch on, a message in compiler form,
/// where it happened, notes (suggestions), and what caused it.
public struct SnapdriftError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Equatable {
        /// JSON that does not parse (fixture, golden, normalizer output, report).
        case invalidJSON = "invalid_json"
        /// A JSON Pointer that is not RFC 6901.
        case invalidPointer = "invalid_pointer"
        /// A spec that does not load or validate.
        case invalidSpec = "invalid_spec"
        /// A page that cannot be parsed.
        case invalidFixture = "invalid_fixture"
        /// A golden file that is not a snapdrift golden.
        case invalidGolden = "invalid_golden"
        /// A report or exclusions file that cannot be used.
        case invalidReport = "invalid_report"
        /// Reading or writing a file failed.
        case io
        /// A path that leaves the project root.
        case unsafePath = "unsafe_path"
        /// An external normalizer that failed, timed out or wrote garbage.
        case normalizerFailed = "normalizer_failed"
        /// A field rule that failed on a page.
        case extractionFailed = "extraction_failed"
        /// `git` could not give what was asked.
        case git
        /// An HTTP fetch that failed or was blocked.
        case fetchFailed = "fetch_failed"
        /// Wrong use of a command (exit 64).
        case usage
        /// A bug or an impossible state.
        case `internal`
    }

    public var code: Code
    /// What went wrong, one line, without the location.
    public var message: String
    public var location: SourceLocation?
    /// Extra lines printed as `note: …` (suggestions, context).
    public var notes: [String]
    /// The description of the underlying error, where there was one.
    public var underlying: String?
    /// Further errors reported together with this one (a spec with several problems).
    public var additional: [SnapdriftError] = []

    public init(_ code: Code, _ message: String, at location: SourceLocation? = nil, notes: [String] = [], underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
        self.underlying = underlying.map { String(describing: $0) }
    }

    /// The same error, placed in `file` (keeping any line and column).
    public func inFile(_ file: String) -> SnapdriftError {
        var copy = self
        var location = copy.location ?? SourceLocation()
        location.file = file
        copy.location = location
        return copy
    }

    /// Compiler form: `file:line:col: error: message`, then one `note:` line per note.
    public var description: String {
        var text = ""
        if let location, !location.description.isEmpty { text += location.description + ": " }
        text += "error: " + message
        for note in notes { text += "\nnote: " + note }
        for other in additional { text += "\n" + other.description }
        return text
    }
}
