/// What one page normalizes to: both stages and where every value came from.
public struct NormalizationResult: Sendable, Equatable {
    /// The fields as extracted: a record, or `{"records": [...]}` for listing pages.
    public var normalized: JSONValue
    /// After `finalize`: the record a consumer stores.
    public var finalized: JSONValue
    /// Per field (per record on listings): rule, matches, node paths, notes.
    public var provenance: JSONValue
    /// Problems that did not stop normalization (repaired bytes, unreadable JSON-LD).
    public var warnings: [String]

    public init(normalized: JSONValue, finalized: JSONValue, provenance: JSONValue, warnings: [String] = []) {
        self.normalized = normalized
        self.finalized = finalized
        self.provenance = provenance
        self.warnings = warnings
    }
}
