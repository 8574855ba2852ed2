/// Reads an older golden through the spec's `migrations` (DESIGN §5).
public enum SchemaMigration {
    /// The outcome of bringing a golden to the spec's schema version.
    public enum Result: Sendable {
        /// Same version: nothing to do.
        case current
        /// Migrated through these versions.
        case migrated(GoldenFile, steps: [Int])
        /// Cannot be compared, and why.
        case incomparable(String)
    }

    public static func migrate(_ golden: GoldenFile, to spec: Spec) -> Result {
        if golden.schemaVersion == spec.schemaVersion { return .current }
        if golden.schemaVersion > spec.schemaVersion {
            return .incomparable("the golden is schema version \(golden.schemaVersion), newer than the spec's \(spec.schemaVersion)")
        }
        var migrated = golden
        var steps: [Int] = []
        for version in golden.schemaVersion..<spec.schemaVersion {
            guard let migration = spec.migrations[version] else {
                return .incomparable("the golden is schema version \(golden.schemaVersion), the spec is \(spec.schemaVersion), and there is no migration from version \(version)")
            }
            migrated.normalized = apply(migration, to: migrated.normalized)
            migrated.finalized = apply(migration, to: migrated.finalized)
            steps.append(version)
        }
        migrated.schemaVersion = spec.schemaVersion
        return .migrated(migrated, steps: steps)
    }

    /// Applies a migration to a record, or to each record of a listing output.
    static func apply(_ migration: Migration, to value: JSONValue) -> JSONValue {
        if case .object(let object) = value, object.keys.elements == ["records"], case .array(let records)? = object["records"] {
            return ["records": .array(records.map { applyToRecord(migration, $0) })]
        }
        return applyToRecord(migration, value)
    }

    private static func applyToRecord(_ migration: Migration, _ record: JSONValue) -> JSONValue {
        var current = record
        for (from, to) in migration.rename {
            guard let value = from.resolve(in: current), let removed = current.removing(from),
                  let moved = removed.setting(to, to: value) else { continue }
            current = moved
        }
        for path in migration.drop {
            if let removed = current.removing(path) { current = removed }
        }
        for (path, value) in migration.add where path.resolve(in: current) == nil {
            if let added = current.setting(path, to: value) { current = added }
        }
        return current
    }
}
