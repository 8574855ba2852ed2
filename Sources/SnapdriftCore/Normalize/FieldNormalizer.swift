import SnapdriftMarkup

/// Normalizes a page with the spec's field rules (and `records` on listing pages), then
/// finalizes each record.
public struct FieldNormalizer: Sendable {
    public let spec: Spec

    public init(spec: Spec) {
        self.spec = spec
    }

    /// Normalizes and finalizes `page`.
    public func normalize(_ page: Page) throws(SnapdriftError) -> NormalizationResult {
        let extractor = FieldExtractor(page: page)
        let finalizer = Finalizer(rules: spec.finalize)
        guard let records = spec.records else {
            let (record, provenance) = try normalizeRecord(extractor, in: .page)
            let (finalized, derived) = finalizer.finalize(record, baseURL: page.baseURL)
            var provenanceObject = provenance
            if !derived.isEmpty { provenanceObject["@finalize"] = .object(derived) }
            return NormalizationResult(normalized: .object(record), finalized: .object(finalized),
                                       provenance: .object(provenanceObject), warnings: page.warnings)
        }
        let contexts: [ExtractionContext]
        let eachProvenance: FieldProvenance
        switch records.each {
        case .css(let selector):
            guard let document = page.document else {
                throw SnapdriftError(.extractionFailed, "records.each is a CSS selector, but the page is JSON")
            }
            let nodes: [HTMLNode]
            do {
                nodes = try document.select(selector)
            } catch {
                throw SnapdriftError(.extractionFailed, "records.each: \(error.message)")
            }
            contexts = nodes.map { .element($0) }
            eachProvenance = FieldProvenance(rule: records.ruleDescription, matches: nodes.count, paths: nodes.map(\.path))
        case .pointer(let pointer):
            guard let json = page.json else {
                throw SnapdriftError(.extractionFailed, "records.each is a JSON Pointer, but the page is HTML")
            }
            switch pointer.resolve(in: json) {
            case .array(let items)?:
                contexts = items.map { .json($0) }
                eachProvenance = FieldProvenance(rule: records.ruleDescription, matches: items.count)
            case nil:
                contexts = []
                eachProvenance = FieldProvenance(rule: records.ruleDescription, matches: 0, notes: ["no value at \(pointer)"])
            case let other?:
                contexts = []
                eachProvenance = FieldProvenance(rule: records.ruleDescription, matches: 0, notes: ["\(pointer) is \(other.typeName), not an array"])
            }
        }
        var normalized: [JSONValue] = []
        var finalized: [JSONValue] = []
        var provenances: [JSONValue] = []
        for context in contexts {
            var (record, provenance) = try normalizeRecord(extractor, in: context)
            let (final, derived) = finalizer.finalize(record, baseURL: page.baseURL)
            if !derived.isEmpty { provenance["@finalize"] = .object(derived) }
            normalized.append(.object(record))
            finalized.append(.object(final))
            provenances.append(.object(provenance))
            record = [:]
        }
        return NormalizationResult(
            normalized: ["records": .array(normalized)],
            finalized: ["records": .array(finalized)],
            provenance: ["@each": eachProvenance.json, "records": .array(provenances)],
            warnings: page.warnings)
    }

    private func normalizeRecord(_ extractor: FieldExtractor, in context: ExtractionContext) throws(SnapdriftError) -> (JSONObject, JSONObject) {
        var record = JSONObject()
        var provenance = JSONObject()
        for rule in spec.fields {
            let (value, origin) = try extractor.extract(rule, in: context)
            record[rule.name] = value
            provenance[rule.name] = origin.json
        }
        return (record, provenance)
    }
}
