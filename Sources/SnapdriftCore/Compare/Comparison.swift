/// The comparison of a golden with the current output of the same fixture.
public struct Comparison: Sendable {
    /// Classified changes, in the reporting order; finalized changes that repeat a
    /// normalized change are left out.
    public var changes: [DriftChange]
    /// Selector health of fields whose values did not change but whose matches moved.
    public var health: [String]

    /// Compares `golden` with `current` (a golden built from the current output) under the
    /// spec's compare policy.
    public init(golden: GoldenFile, current: GoldenFile, spec: Spec) {
        let isListing = spec.records != nil
        var classifier = ChangeClassifier(required: spec.requiredFields, policy: spec.compare, isListing: isListing,
                                          provenance: (golden.provenance, current.provenance))
        var recordIndices: [String: (before: Int?, after: Int?)] = [:]
        if isListing, let key = spec.records?.key {
            for (record, index) in StructuralDiff.keyed(golden.normalized["records"]?.arrayValue ?? [], key: key) {
                recordIndices[record, default: (nil, nil)].before = index
            }
            for (record, index) in StructuralDiff.keyed(current.normalized["records"]?.arrayValue ?? [], key: key) {
                recordIndices[record, default: (nil, nil)].after = index
            }
        }
        classifier.recordIndices = recordIndices
        var changes: [DriftChange] = []
        for stage in OutputStage.allCases {
            let diff = StructuralDiff(policy: spec.compare, recordKey: spec.records?.key, stage: stage)
            let (before, after) = stage == .normalized ? (golden.normalized, current.normalized) : (golden.finalized, current.finalized)
            classifier.after = after
            changes += diff.changes(before, after).map(classifier.classify)
        }
        let normalizedChanges = Set(changes.filter { $0.stage == .normalized }.map { ChangeIdentity($0) })
        changes.removeAll { $0.stage == .finalized && normalizedChanges.contains(ChangeIdentity($0)) }
        self.changes = changes.sorted()

        // Fields whose value held but whose rule now matches elsewhere: worth a line, not a change.
        let changedFields = Set(self.changes.map { $0.path.tokens.prefix(isListing ? 3 : 1).joined(separator: "/") })
        var health: [String] = []
        let records: [(prefix: [String], before: JSONValue, after: JSONValue)]
        if isListing {
            let before = golden.provenance["records"]?.arrayValue ?? []
            let after = current.provenance["records"]?.arrayValue ?? []
            if recordIndices.isEmpty {
                records = zip(before, after).enumerated().map { (["records", String($0.offset)], $0.element.0, $0.element.1) }
            } else {
                // Keyed listings: the same record, wherever it sits now.
                records = recordIndices.values.compactMap { indices in
                    guard let old = indices.before, let new = indices.after, old < before.count, new < after.count else { return nil }
                    return (["records", String(new)], before[old], after[new])
                }.sorted { JSONPointer(tokens: $0.prefix) < JSONPointer(tokens: $1.prefix) }
            }
        } else {
            records = [([], golden.provenance, current.provenance)]
        }
        for (prefix, before, after) in records {
            guard let fields = after.objectValue else { continue }
            for (field, value) in fields where !field.hasPrefix("@") {
                let key = (prefix + [field]).joined(separator: "/")
                guard !changedFields.contains(key), let old = before[field].flatMap(FieldProvenance.init(json:)),
                      let new = FieldProvenance(json: value), let note = ChangeClassifier.health(before: old, after: new) else { continue }
                health.append("/\(key): \(note.note)")
            }
        }
        self.health = health
    }
}

/// What makes a finalized change the same as a normalized one.
private struct ChangeIdentity: Hashable {
    let path: JSONPointer
    let kind: ChangeKind
    let before: JSONValue?
    let after: JSONValue?

    init(_ change: DriftChange) {
        path = change.path
        kind = change.kind
        // A record that came or went, or a count that moved, is the same event in both stages,
        // whatever finalize added to the record.
        let wholeRecord = [ChangeKind.recordAdded, .recordRemoved, .countChanged].contains(change.kind)
        before = wholeRecord ? nil : change.before
        after = wholeRecord ? nil : change.after
    }
}
