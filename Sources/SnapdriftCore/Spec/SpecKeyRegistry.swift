/// The kinds of value a spec key takes. The loader checks them and the reference docs
/// describe them, from this one table.
public indirect enum SpecShape: Sendable {
    case string
    case integer
    case number
    case boolean
    /// Any YAML value, kept as JSON.
    case anyValue
    case oneOf([String])
    /// A CSS selector, compiled when the spec loads.
    case css
    /// An XPath 1.0 expression, compiled when the spec loads.
    case xpath
    /// A CSS selector on HTML pages, a JSON Pointer on JSON pages.
    case cssOrPointer
    case pointer
    /// A JSON Pointer whose tokens may be `*`.
    case pointerPattern
    case regex
    case dateFormat
    case template
    /// A string or a list of strings.
    case stringOrList
    case list(SpecShape)
    case object(SpecObject)
    /// User-named keys, all with the same value shape.
    case map(keyName: String, value: SpecShape)
    /// A field rule, or a string as shorthand for its `css` (HTML) or `json` (JSON) rule.
    case fieldRule
    /// A transform: a name, or a one-key mapping with the transform's parameters.
    case transform

    /// How the reference docs name the shape.
    public var summary: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .number: return "number"
        case .boolean: return "boolean"
        case .anyValue: return "any value"
        case .oneOf(let values): return values.map { "`\($0)`" }.joined(separator: " \\| ")
        case .css: return "CSS selector"
        case .xpath: return "XPath 1.0"
        case .cssOrPointer: return "CSS selector (html) or JSON Pointer (json)"
        case .pointer: return "JSON Pointer"
        case .pointerPattern: return "JSON Pointer, `*` matches one token"
        case .regex: return "regular expression"
        case .dateFormat: return "Unicode date pattern"
        case .template: return "template with `{field}` placeholders"
        case .stringOrList: return "string or list of strings"
        case .list(let item): return "list of \(item.summary)"
        case .object(let object): return object.title
        case .map(let keyName, let value): return "map of \(keyName) → \(value.summary)"
        case .fieldRule: return "field rule"
        case .transform: return "transform"
        }
    }
}

/// A mapping with a fixed set of keys.
public struct SpecObject: Sendable {
    /// How the docs and messages name it ("field rule", "records").
    public let title: String
    /// The docs anchor of its table.
    public let anchor: String
    public let keys: [SpecKey]

    public func key(_ name: String) -> SpecKey? { keys.first { $0.name == name } }
}

/// One key a spec may hold.
public struct SpecKey: Sendable {
    public let name: String
    public let shape: SpecShape
    public let required: Bool
    /// One sentence for the reference.
    public let doc: String
    /// A YAML example, for the reference.
    public let example: String?

    init(_ name: String, _ shape: SpecShape, required: Bool = false, _ doc: String, example: String? = nil) {
        self.name = name
        self.shape = shape
        self.required = required
        self.doc = doc
        self.example = example
    }
}

/// The spec language: every key, where it may appear, and what it takes.
public enum SpecKeyRegistry {
    /// Names the `transforms` list accepts, with their parameters.
    public static let transforms: [(name: String, parameters: [String], doc: String)] = [
        ("lower", [], "lower-case the text"),
        ("upper", [], "upper-case the text"),
        ("trim", [], "strip white space at both ends"),
        ("collapse", [], "collapse runs of white space to one space and trim"),
        ("replace", ["pattern", "with"], "replace every match of the regular expression `pattern` by `with` (`$1` refers to a group)"),
        ("split", ["separator"], "split the text on `separator` into a list"),
        ("strip", ["chars"], "strip any of `chars` from both ends"),
        ("join", ["separator"], "join a list into one text with `separator`"),
        ("first", [], "keep the first item of a list"),
        ("last", [], "keep the last item of a list"),
        ("compact", [], "drop null and empty items from a list"),
        ("texts", [], "turn schema.org structures into a list of texts: strings stay, objects give `text` (else `name`), `itemListElement` lists are followed"),
    ]

    /// The value types `type:` accepts.
    public static let valueTypes: [(name: String, doc: String)] = [
        ("string", "text as extracted"),
        ("integer", "a whole number; `1,234` reads as 1234"),
        ("number", "an exact decimal"),
        ("boolean", "`true`/`false`, `yes`/`no`, `1`/`0` (any case)"),
        ("date", "ISO 8601 `yyyy-MM-dd`, read with `date_format` or as ISO 8601"),
        ("datetime", "ISO 8601 with offset, read with `date_format` or as ISO 8601"),
        ("duration", "whole minutes, from ISO 8601 `PT1H20M` or a number"),
        ("url", "absolute URL, resolved against the page's `<base href>` or the sidecar's `url`"),
    ]

    public static let jsonld = SpecObject(title: "jsonld rule", anchor: "jsonld-rule", keys: [
        SpecKey("type", .string, required: true, "schema.org type of the object to read (`Recipe`, `JobPosting`); with or without a `schema.org` prefix", example: "type: Recipe"),
        SpecKey("path", .stringOrList, "dot path inside the object: names, array indices, `*` for every item; a name applied to a list applies to each item. A list of paths is tried in order until one matches", example: "path: [image.url, image]"),
    ])

    public static let pairs = SpecObject(title: "pairs rule", anchor: "pairs-rule", keys: [
        SpecKey("each", .css, "one element per label/value pair (`tr`, `.field`); without it, each `key` match takes the `value` siblings that follow it (`dt`/`dd`)", example: "each: .vac_display_field"),
        SpecKey("key", .css, required: true, "the label, relative to `each`; its collapsed text is the key", example: "key: h3"),
        SpecKey("value", .css, required: true, "the value, relative to `each`; several value nodes give a list", example: "value: .vac_display_field_value"),
    ])

    public static let fieldRule = SpecObject(title: "field rule", anchor: "field-rule", keys: [
        SpecKey("css", .css, "CSS selector (relative to the record on listing pages)", example: "css: h1.vac_title"),
        SpecKey("xpath", .xpath, "XPath 1.0 expression; may return nodes, a string, a number or a boolean", example: "xpath: //input[@name='ref']/@value"),
        SpecKey("jsonld", .object(jsonld), "read from the page's JSON-LD", example: "jsonld: { type: Recipe, path: name }"),
        SpecKey("json", .pointer, "JSON Pointer into a JSON page (relative to the record on listings)", example: "json: /data/title"),
        SpecKey("pairs", .object(pairs), "label/value blocks as an object keyed by label text", example: "pairs: { each: dl > div, key: dt, value: dd }"),
        SpecKey("attr", .string, "read an attribute instead of the text; `html` for inner HTML, `outer_html` for the element's markup", example: "attr: href"),
        SpecKey("text", .oneOf(["collapsed", "raw"]), "`collapsed` (default): white space collapsed and trimmed; `raw`: text nodes byte for byte", example: "text: raw"),
        SpecKey("all", .boolean, "a list of every match instead of the first", example: "all: true"),
        SpecKey("required", .boolean, "a missing, null or empty value is a breaking change", example: "required: true"),
        SpecKey("regex", .regex, "keep the first capture group of the first match (the whole match without groups); no match gives null, noted in provenance", example: "regex: \"£([0-9,]+)\""),
        SpecKey("transforms", .list(.transform), "applied in order after `regex`", example: "transforms: [lower, { replace: { pattern: \"\\\\s+\", with: \" \" } }]"),
        SpecKey("type", .oneOf(valueTypes.map(\.name)), "coerce the value; a value that cannot be coerced is null with the reason in provenance", example: "type: integer"),
        SpecKey("date_format", .dateFormat, "how `date` and `datetime` values are written on the page (Unicode pattern, English month names)", example: "date_format: d MMMM yyyy"),
        SpecKey("default", .anyValue, "the value when the rule gives null or an empty text", example: "default: open"),
    ])

    public static let records = SpecObject(title: "records", anchor: "records", keys: [
        SpecKey("each", .cssOrPointer, required: true, "one record per match: a CSS selector on HTML pages, a JSON Pointer to an array on JSON pages", example: "each: li.search-results-job-box"),
        SpecKey("key", .string, "the field that identifies a record across runs; records are compared by it, not by position", example: "key: refcode"),
    ])

    public static let derivedField = SpecObject(title: "finalize field", anchor: "finalize-field", keys: [
        SpecKey("template", .template, "text built from fields: `{name}` is replaced by the field's value, `{{` and `}}` are literal braces", example: "template: \"csj-{refcode}\""),
        SpecKey("from", .string, "the field to derive from (a normalized field or an earlier finalize field)", example: "from: salary"),
        SpecKey("regex", .regex, "as in a field rule", example: "regex: \"£([0-9,]+)\""),
        SpecKey("transforms", .list(.transform), "as in a field rule", example: "transforms: [trim]"),
        SpecKey("type", .oneOf(valueTypes.map(\.name)), "as in a field rule", example: "type: integer"),
        SpecKey("date_format", .dateFormat, "as in a field rule", example: "date_format: dd/MM/yyyy"),
        SpecKey("default", .anyValue, "as in a field rule", example: "default: 0"),
    ])

    public static let finalize = SpecObject(title: "finalize", anchor: "finalize", keys: [
        SpecKey("fields", .map(keyName: "field name", value: .object(derivedField)), "derived fields, computed in order; each sees the normalized fields and the ones before it", example: "fields: { uid: { template: \"csj-{refcode}\" } }"),
        SpecKey("defaults", .map(keyName: "field name", value: .anyValue), "values for fields that are missing or null", example: "defaults: { stage: open }"),
        SpecKey("drop", .list(.string), "fields left out of the finalized record", example: "drop: [body]"),
    ])

    public static let compare = SpecObject(title: "compare", anchor: "compare", keys: [
        SpecKey("ignore", .list(.pointerPattern), "paths never compared (and their children)", example: "ignore: [\"/fetched_at\", \"/records/*/tracking_id\"]"),
        SpecKey("redact", .list(.pointerPattern), "paths whose values are written as \"[redacted]\" in goldens and reports; only their emptiness is compared", example: "redact: [\"/contact_email\"]"),
        SpecKey("tolerance", .map(keyName: "path pattern", value: .number), "numbers at the path may differ by this much", example: "tolerance: { \"/salary_min\": 0.5 }"),
        SpecKey("unordered", .list(.pointerPattern), "lists compared as multisets", example: "unordered: [\"/grades\"]"),
        SpecKey("severity", .map(keyName: "path pattern", value: .oneOf(["breaking", "drift", "info"])), "overrides the severity of changes at the path (and below)", example: "severity: { \"/body\": info, \"/title\": breaking }"),
    ])

    public static let migration = SpecObject(title: "migration", anchor: "migration", keys: [
        SpecKey("rename", .map(keyName: "old path", value: .pointer), "move a value from one path to another", example: "rename: { \"/ref\": \"/refcode\" }"),
        SpecKey("drop", .list(.pointer), "remove paths", example: "drop: [\"/legacy\"]"),
        SpecKey("add", .map(keyName: "path", value: .anyValue), "set paths that are missing", example: "add: { \"/stage\": open }"),
    ])

    public static let normalizer = SpecObject(title: "normalizer", anchor: "normalizer", keys: [
        SpecKey("command", .list(.string), required: true, "the program and its arguments, run without a shell; `{fixture}` is replaced by the page's path, otherwise the page is written to standard input", example: "command: [python3, normalize.py, \"{fixture}\"]"),
        SpecKey("timeout", .number, "seconds before the command is killed (default 30)", example: "timeout: 30"),
    ])

    /// The top level of `spec.yml`.
    public static let spec = SpecObject(title: "spec", anchor: "spec", keys: [
        SpecKey("schema_version", .integer, "version of the record shape; bump it when fields change meaning (default 1)", example: "schema_version: 3"),
        SpecKey("format", .oneOf(PageFormat.allCases.map(\.rawValue)), "how fixtures are parsed; default: from the fixture's extension", example: "format: html"),
        SpecKey("fixtures", .stringOrList, "file name globs inside the source folder (default `*.html *.htm` for html, `*.json` for json)", example: "fixtures: \"*.html\""),
        SpecKey("records", .object(records), "a listing page yields one record per match", example: "records: { each: li.job, key: refcode }"),
        SpecKey("fields", .map(keyName: "field name", value: .fieldRule), "the field rules; a string is shorthand for `css` (html) or `json` (json)", example: "fields: { title: { css: h1, required: true } }"),
        SpecKey("finalize", .object(finalize), "derived fields, defaults and drops: the record a consumer stores", example: nil),
        SpecKey("compare", .object(compare), "how outputs are compared with goldens", example: nil),
        SpecKey("migrations", .map(keyName: "schema version", value: .object(migration)), "how to read goldens of older schema versions: key N turns a version-N golden into version N+1", example: "migrations: { 2: { rename: { \"/ref\": \"/refcode\" } } }"),
        SpecKey("normalizer", .object(normalizer), "an external command that normalizes instead of `fields`", example: nil),
    ])

    /// Every object of the language, in reference order.
    public static let objects: [SpecObject] = [spec, fieldRule, jsonld, pairs, records, finalize, derivedField, compare, migration, normalizer]
}
