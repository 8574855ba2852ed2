/// How a fixture came out of a run (DESIGN §5).
public enum FixtureOutcome: String, Sendable, CaseIterable, Comparable {
    case match, drift, new, error, incomparable, obsolete

    public static func < (lhs: FixtureOutcome, rhs: FixtureOutcome) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How a run ended (DESIGN §7).
public enum RunStatus: String, Sendable {
    /// Every fixture processed and matched.
    case success
    /// The run completed, but some fixtures drifted, errored, are new, incomparable or obsolete.
    case degraded
    /// No meaningful result: invalid configuration, nothing to check, internal error.
    case failed
}

/// What makes the gate fail (`--fail-on`).
public enum GateLevel: String, Sendable, CaseIterable {
    /// Breaking changes, errors, incomparable fixtures, and missing goldens on CI.
    case breaking
    /// Also drift-level changes.
    case drift
    /// Any difference at all, new fixtures and obsolete goldens included (the default).
    case any
    /// Never fails (a failed run still exits 2).
    case never
}

/// The schema versions a fixture was compared at.
public struct SchemaInfo: Sendable, Equatable {
    public var golden: Int?
    public var spec: Int?
    /// Whether the golden was read through `migrations`.
    public var migrated: Bool

    public init(golden: Int?, spec: Int?, migrated: Bool) {
        self.golden = golden
        self.spec = spec
        self.migrated = migrated
    }
}

/// One fixture's entry in a report.
public struct FixtureReport: Sendable, Equatable {
    public var source: String
    public var fixture: String
    public var outcome: FixtureOutcome
    /// For `drift`: `upstream`, `spec`, `engine` (joined with `+` when several changed), or
    /// `unexplained`; with `--live`, `upstream-live`.
    public var attribution: String?
    public var schema: SchemaInfo
    public var changes: [DriftChange]
    /// Why the fixture is an `error` (or `incomparable`).
    public var error: String?
    /// Selector health and warnings (repaired bytes, unreadable JSON-LD, migrations used).
    public var notes: [String]
    /// Unified diff of the golden's outputs and the current ones (drift only).
    public var diff: String?
    /// Whether the incremental check reused the golden without parsing.
    public var reused: Bool

    public init(source: String, fixture: String, outcome: FixtureOutcome, attribution: String? = nil, schema: SchemaInfo,
                changes: [DriftChange] = [], error: String? = nil, notes: [String] = [], diff: String? = nil, reused: Bool = false) {
        self.source = source
        self.fixture = fixture
        self.outcome = outcome
        self.attribution = attribution
        self.schema = schema
        self.changes = changes
        self.error = error
        self.notes = notes
        self.diff = diff
        self.reused = reused
    }

    /// `Golden/<source>/<fixture>.json`.
    public var goldenPath: String { "Golden/\(source)/\(fixture).json" }
    /// `Fixtures/<source>/<fixture>`.
    public var fixturePath: String { "Fixtures/\(source)/\(fixture)" }

    /// The most severe change, if any.
    public var worstSeverity: Severity? { changes.map(\.severity).max() }
}

/// Totals per outcome.
public struct RunTotals: Sendable, Equatable {
    public var fixtures = 0
    public var counts: [FixtureOutcome: Int] = [:]

    public init(_ fixtures: [FixtureReport] = []) {
        self.fixtures = fixtures.count
        for fixture in fixtures { counts[fixture.outcome, default: 0] += 1 }
    }

    public subscript(outcome: FixtureOutcome) -> Int { counts[outcome, default: 0] }
}

/// A run's record (`report.json`, `"report_schema_version": 1`): the input of every other
/// report, of `matrix` and of `merge-reports`.
public struct RunReport: Sendable, Equatable {
    public static let schemaVersion = 1

    public var runID: String
    public var startedAt: String
    public var finishedAt: String
    public var status: RunStatus
    public var engine: String
    public var failOn: GateLevel
    public var gatePassed: Bool
    public var shard: Shard?
    /// The specs and compare rules in effect, secrets masked.
    public var manifest: JSONValue
    public var fixtures: [FixtureReport]
    /// Fixtures the run did not check, with why (with `--live`: those without a URL).
    public var skipped: [SkippedFixture]
    /// Why the run failed, when it did.
    public var failure: String?

    public init(runID: String, startedAt: String, finishedAt: String, status: RunStatus, engine: String = Engine.name,
                failOn: GateLevel, gatePassed: Bool, shard: Shard?, manifest: JSONValue, fixtures: [FixtureReport],
                skipped: [SkippedFixture] = [], failure: String? = nil) {
        self.runID = runID
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.engine = engine
        self.failOn = failOn
        self.gatePassed = gatePassed
        self.shard = shard
        self.manifest = manifest
        self.fixtures = fixtures
        self.skipped = skipped
        self.failure = failure
    }

    public var totals: RunTotals { RunTotals(fixtures) }
}

/// A fixture a run left out, and why.
public struct SkippedFixture: Sendable, Equatable {
    public var source: String
    public var fixture: String
    public var reason: String

    public init(source: String, fixture: String, reason: String) {
        self.source = source
        self.fixture = fixture
        self.reason = reason
    }
}

/// `--shard I/N`: this run checks the fixtures whose path hashes to I (1-based) of N.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws(SnapdriftError) {
        guard count >= 1, index >= 1, index <= count else {
            throw SnapdriftError(.usage, "--shard takes I/N with 1 <= I <= N, not \(index)/\(count)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`.
    public init(parsing text: String) throws(SnapdriftError) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw SnapdriftError(.usage, "--shard takes I/N (for example 2/4), not '\(text)'")
        }
        try self.init(index: index, count: count)
    }

    /// Whether the fixture at `path` (`source/fixture`) belongs to this shard: a hash of the
    /// path, so the split is the same on every machine and every run.
    public func contains(_ path: String) -> Bool {
        Self.bucket(of: path, count: count) == index - 1
    }

    static func bucket(of path: String, count: Int) -> Int {
        let digest = Hashing.sha256(path)
        let prefix = UInt64(digest.prefix(16), radix: 16)!
        return Int(prefix % UInt64(count))
    }

    public var description: String { "\(index)/\(count)" }
}
