import Foundation
import SnapdriftMarkup

/// One field of `snapdrift explain`.
public struct FieldExplanation: Sendable, Equatable {
    public var field: String
    /// The record's key on listing pages.
    public var record: String?
    public var rule: String
    public var matches: Int
    public var value: JSONValue
    /// The golden's value and match count, when there is a golden.
    public var golden: JSONValue?
    public var goldenMatches: Int?
    /// The rule matched before and matches nothing now (or its value emptied).
    public var lost: Bool
    /// A selector verified to give the golden value back through the field's own rule.
    public var suggestion: Suggestion?
    public var notes: [String]

    public struct Suggestion: Sendable, Equatable {
        public var selector: String
        public var value: JSONValue

        public init(selector: String, value: JSONValue) {
            self.selector = selector
            self.value = value
        }
    }

    public init(field: String, record: String?, rule: String, matches: Int, value: JSONValue, golden: JSONValue?, goldenMatches: Int?,
                lost: Bool, suggestion: Suggestion?, notes: [String]) {
        self.field = field
        self.record = record
        self.rule = rule
        self.matches = matches
        self.value = value
        self.golden = golden
        self.goldenMatches = goldenMatches
        self.lost = lost
        self.suggestion = suggestion
        self.notes = notes
    }

    /// `{field, rule, matches, value, suggestion: {selector, value}}` plus the rest.
    public var json: JSONValue {
        var object: JSONObject = ["field": .string(field), "rule": .string(rule), "matches": .integer(matches), "value": value,
                                  "lost": .bool(lost),
                                  "suggestion": suggestion.map { ["selector": .string($0.selector), "value": $0.value] } ?? .null]
        if let record { object["record"] = .string(record) }
        if let golden { object["golden"] = golden }
        if let goldenMatches { object["golden_matches"] = .integer(goldenMatches) }
        if !notes.isEmpty { object["notes"] = .array(notes.map(JSONValue.string)) }
        return .object(object)
    }
}

/// `snapdrift explain FIXTURE`: per field the rule, its matches and value; for a field whose
/// rule lost its match, where the golden value now sits in the page and a verified selector
/// that finds it.
public enum Explainer {
    public static func explain(fixture path: String, displayPath: String, spec: Spec, golden: GoldenFile?,
                               maximumBytes: Int = FixtureNormalizer.defaultMaximumBytes) throws(SnapdriftError) -> [FieldExplanation] {
        let loaded = try FixtureNormalizer.load(path: path, displayPath: displayPath, maximumBytes: maximumBytes)
        return try explain(loaded, path: path, spec: spec, golden: golden)
    }

    static func explain(_ loaded: LoadedFixture, path: String, spec: Spec, golden: GoldenFile?) throws(SnapdriftError) -> [FieldExplanation] {
        guard spec.normalizer == nil else {
            throw SnapdriftError(.usage, "\(spec.file) uses an external normalizer: explain reads field rules")
        }
        var golden = golden
        if let original = golden, case .migrated(let upgraded, _) = SchemaMigration.migrate(original, to: spec) { golden = upgraded }
        let page = try Page(bytes: loaded.bytes, format: spec.format ?? PageFormat.inferred(from: path), sidecar: loaded.sidecar)
        let extractor = FieldExtractor(page: page)
        guard let records = spec.records else {
            return try spec.fields.map { rule throws(SnapdriftError) in
                try explain(rule, extractor: extractor, page: page, context: .page, record: nil,
                            golden: golden?.normalized[rule.name], goldenProvenance: golden?.provenance[rule.name], spec: spec)
            }
        }
        // Listing pages: each field, in the first record (by key) whose value it lost, else the first record.
        let contexts = try recordContexts(records, page: page)
        var currentRecords: [(JSONObject, JSONValue?)] = []
        for context in contexts {
            var record = JSONObject()
            for rule in spec.fields { record[rule.name] = try extractor.extract(rule, in: context).0 }
            currentRecords.append((record, records.key.flatMap { record[$0] }))
        }
        let goldenRecords = golden?.normalized["records"]?.arrayValue ?? []
        let goldenProvenance = golden?.provenance["records"]?.arrayValue ?? []
        var explanations: [FieldExplanation] = []
        for rule in spec.fields {
            var chosen: (index: Int, goldenIndex: Int?)?
            for (index, current) in currentRecords.enumerated() {
                let goldenIndex = current.1.flatMap { key in
                    goldenRecords.firstIndex { record in records.key.flatMap { record[$0] } == key }
                }
                let before = goldenIndex.flatMap { goldenRecords[$0][rule.name] }
                if chosen == nil { chosen = (index, goldenIndex) }
                if let before, !before.isEmptyValue, current.0[rule.name]?.isEmptyValue ?? true {
                    chosen = (index, goldenIndex)
                    break
                }
            }
            guard let (index, goldenIndex) = chosen else { continue }
            let key = currentRecords[index].1.map { $0.stringValue ?? CanonicalJSON.compact($0) }
            explanations.append(try explain(rule, extractor: extractor, page: page, context: contexts[index], record: key,
                                            golden: goldenIndex.flatMap { goldenRecords[$0][rule.name] },
                                            goldenProvenance: goldenIndex.flatMap { $0 < goldenProvenance.count ? goldenProvenance[$0][rule.name] : nil },
                                            spec: spec))
        }
        return explanations
    }

    private static func recordContexts(_ records: RecordsRule, page: Page) throws(SnapdriftError) -> [ExtractionContext] {
        switch records.each {
        case .css(let selector):
            guard let document = page.document else { throw SnapdriftError(.extractionFailed, "records.each is a CSS selector, but the page is JSON") }
            do {
                return try document.select(selector).map { .element($0) }
            } catch {
                throw SnapdriftError(.extractionFailed, "records.each: \(error.message)")
            }
        case .pointer(let pointer):
            return (pointer.resolve(in: page.json ?? .null)?.arrayValue ?? []).map { .json($0) }
        }
    }

    private static func explain(_ rule: FieldRule, extractor: FieldExtractor, page: Page, context: ExtractionContext, record: String?,
                                golden: JSONValue?, goldenProvenance: JSONValue?, spec: Spec) throws(SnapdriftError) -> FieldExplanation {
        let (value, provenance) = try extractor.extract(rule, in: context)
        let before = goldenProvenance.flatMap(FieldProvenance.init(json:))
        let lostMatch = (before?.matches ?? 0) > 0 && provenance.matches == 0
        let lostValue = golden.map { !$0.isEmptyValue && value.isEmptyValue } ?? false
        var explanation = FieldExplanation(field: rule.name, record: record, rule: rule.ruleDescription, matches: provenance.matches, value: value,
                                           golden: golden, goldenMatches: before?.matches, lost: lostMatch || lostValue, suggestion: nil,
                                           notes: provenance.notes)
        guard explanation.lost, let target = golden else { return explanation }
        guard case .selector = rule.source, let document = page.document else {
            explanation.notes.append("suggestions are made for CSS and XPath rules")
            return explanation
        }
        guard !rule.all, !target.isEmptyValue, target != Redaction.placeholder else {
            explanation.notes.append(rule.all ? "suggestions are made for single-value fields" : "the golden value is redacted or empty: nothing to look for")
            return explanation
        }
        var contextNode: HTMLNode?
        if case .element(let node) = context { contextNode = node }
        let outcome = SelectorSuggester(extractor: extractor, document: document, rule: rule, context: contextNode, target: target).suggest()
        if let found = outcome.suggestion {
            explanation.suggestion = FieldExplanation.Suggestion(selector: "css:" + found.selector, value: found.value)
        } else {
            explanation.notes.append(outcome.tried == 0
                ? "the golden value \(DriftChange.short(target)) is nowhere on the page (as this field's rule reads it)"
                : "no selector among the \(outcome.tried) tried gives the golden value \(DriftChange.short(target)) back")
        }
        for unusable in outcome.unusable { explanation.notes.append("proposal skipped: \(unusable)") }
        return explanation
    }

    /// Text for terminals.
    public static func text(_ explanations: [FieldExplanation], title: String) -> String {
        var lines = [title]
        let width = min(24, explanations.map(\.field.count).max() ?? 0)
        for item in explanations {
            let name = item.field.padding(toLength: max(width, item.field.count), withPad: " ", startingAt: 0)
            let matches = item.goldenMatches.map { $0 != item.matches ? "\(item.matches) (was \($0))" : "\(item.matches)" } ?? "\(item.matches)"
            var line = "  \(name)  \(item.rule)  matches \(matches)  \(DriftChange.short(item.value))"
            if let record = item.record { line += "  [record \(record)]" }
            if item.lost { line += "  ← lost" + (item.golden.map { " (golden \(DriftChange.short($0)))" } ?? "") }
            lines.append(line)
            if let suggestion = item.suggestion {
                lines.append("  " + String(repeating: " ", count: max(width, item.field.count)) + "  suggestion: \(suggestion.selector) → \(DriftChange.short(suggestion.value)) (verified through the field's rule)")
            }
            for note in item.notes where item.lost {
                lines.append("  " + String(repeating: " ", count: max(width, item.field.count)) + "  note: \(note)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
