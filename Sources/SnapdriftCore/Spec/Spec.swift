import SnapdriftMarkup

/// One source's `spec.yml`, loaded and validated: everything compiled (selectors, XPath,
/// regular expressions, pointers) so no fixture is read before every rule is known good.
public struct Spec: Sendable {
    /// The source folder's name.
    public var source: String
    /// The spec file, as given to the loader.
    public var file: String
    public var schemaVersion: Int
    /// The declared format; nil means "from each fixture's extension".
    public var format: PageFormat?
    /// Fixture file name globs.
    public var fixtures: [String]
    public var records: RecordsRule?
    /// Field rules in spec order (empty with an external normalizer).
    public var fields: [FieldRule]
    public var finalize: FinalizeRules
    public var compare: ComparePolicy
    /// Keyed by the golden schema version each migration reads.
    public var migrations: [Int: Migration]
    public var normalizer: ExternalNormalizerConfig?
    /// The spec as JSON, keys sorted: what `spec_sha256` hashes and the report's manifest shows.
    public var canonical: JSONValue
    /// SHA-256 of the canonical JSON: comments and key order do not change it.
    public var sha256: String

    /// The field rule named `name`.
    public func field(_ name: String) -> FieldRule? { fields.first { $0.name == name } }

    /// The names `required: true` marks.
    public var requiredFields: Set<String> { Set(fields.filter(\.required).map(\.name)) }
}

/// `records`: one record per match of `each`.
public struct RecordsRule: Sendable {
    public enum Each: Sendable {
        case css(Selector)
        case pointer(JSONPointer)
    }

    public var each: Each
    /// The field identifying records across runs.
    public var key: String?

    /// `css:li.job` or `json:/data/items`.
    public var ruleDescription: String {
        switch each {
        case .css(let selector): return selector.description
        case .pointer(let pointer): return "json:\(pointer)"
        }
    }
}

/// One field rule of `fields`.
public struct FieldRule: Sendable {
    /// Where the value comes from.
    public enum Source: Sendable {
        case selector(Selector)
        /// The first path that matches is used.
        case jsonld(type: String, paths: [JSONLDPath])
        case json(JSONPointer)
        case pairs(PairsRule)
    }

    /// What of a matched node is read.
    public enum Reading: Sendable, Equatable {
        case text(TextMode)
        case attribute(String)
        case innerHTML
        case outerHTML
    }

    public var name: String
    public var source: Source
    public var reading: Reading
    public var all: Bool
    public var required: Bool
    public var pipeline: ValuePipeline
    /// Where the rule is in the spec, for messages.
    public var location: SourceLocation

    /// The rule in readable form: `css:h1.title`, `jsonld:Recipe/name`, `json:/data/title`.
    public var ruleDescription: String {
        switch source {
        case .selector(let selector): return selector.description
        case .jsonld(let type, let paths):
            let text = paths.map(\.text).filter { !$0.isEmpty }.joined(separator: "|")
            return text.isEmpty ? "jsonld:\(type)" : "jsonld:\(type)/\(text)"
        case .json(let pointer): return "json:\(pointer)"
        case .pairs(let pairs): return pairs.description
        }
    }
}

/// `pairs`: label/value blocks.
public struct PairsRule: Sendable, CustomStringConvertible {
    public var each: Selector?
    public var key: Selector
    public var value: Selector

    public var description: String {
        "pairs:" + [each.map { "each=\($0.source)" }, "key=\(key.source)", "value=\(value.source)"].compactMap { $0 }.joined(separator: ",")
    }
}

/// A dot path into a JSON-LD object: `author.name`, `recipeInstructions.0.text`, `image.*`.
public struct JSONLDPath: Sendable, Equatable, CustomStringConvertible {
    public enum Step: Sendable, Equatable {
        case member(String)
        case index(Int)
        case every
    }

    public var steps: [Step]
    public var text: String

    public init(_ text: String) {
        self.text = text
        self.steps = text.split(separator: ".", omittingEmptySubsequences: true).map { part in
            if part == "*" { return .every }
            if let index = JSONPointer.arrayIndex(String(part)) { return .index(index) }
            return .member(String(part))
        }
    }

    public var isEmpty: Bool { steps.isEmpty }
    public var description: String { text }
}

/// What happens to an extracted value: `regex`, `transforms`, `type`, `default`.
public struct ValuePipeline: Sendable {
    public var regex: CompiledRegex?
    public var transforms: [Transform]
    public var type: ValueType?
    public var dateFormat: DateFormat?
    public var defaultValue: JSONValue?

    public init(regex: CompiledRegex? = nil, transforms: [Transform] = [], type: ValueType? = nil, dateFormat: DateFormat? = nil, defaultValue: JSONValue? = nil) {
        self.regex = regex
        self.transforms = transforms
        self.type = type
        self.dateFormat = dateFormat
        self.defaultValue = defaultValue
    }
}

/// `type:` values.
public enum ValueType: String, Sendable, CaseIterable {
    case string, integer, number, boolean, date, datetime, duration, url
}

/// One entry of `transforms`.
public enum Transform: Sendable {
    case lower, upper, trim, collapse, first, last, compact, texts
    case replace(CompiledRegex, with: String)
    case split(String)
    case strip(Set<Character>)
    case join(String)
}

/// `finalize`.
public struct FinalizeRules: Sendable {
    public var fields: [DerivedField] = []
    /// In spec order.
    public var defaults: [(name: String, value: JSONValue)] = []
    public var drop: [String] = []

    public init() {}
}

/// One entry of `finalize.fields`.
public struct DerivedField: Sendable {
    public enum Kind: Sendable {
        case template(Template)
        case from(String)
    }

    public var name: String
    public var kind: Kind
    public var pipeline: ValuePipeline

    public var ruleDescription: String {
        switch kind {
        case .template(let template): return "template:\(template.text)"
        case .from(let field): return "from:\(field)"
        }
    }
}

/// A `{field}` template.
public struct Template: Sendable, Equatable {
    public enum Piece: Sendable, Equatable {
        case literal(String)
        case field(String)
    }

    public var pieces: [Piece]
    public var text: String

    /// The fields it reads.
    public var fieldNames: [String] {
        pieces.compactMap { if case .field(let name) = $0 { return name } else { return nil } }
    }
}

/// `migrations.N`: reads a version-N golden as version N+1.
public struct Migration: Sendable {
    public var rename: [(from: JSONPointer, to: JSONPointer)] = []
    public var drop: [JSONPointer] = []
    public var add: [(path: JSONPointer, value: JSONValue)] = []
}

/// `normalizer`.
public struct ExternalNormalizerConfig: Sendable {
    public var command: [String]
    public var timeout: Double
    /// The spec's folder, where the command runs.
    public var workingDirectory: String

    public init(command: [String], timeout: Double, workingDirectory: String) {
        self.command = command
        self.timeout = timeout
        self.workingDirectory = workingDirectory
    }
}
