extension RunReport {
    /// `report.json` (DESIGN §7).
    public var json: JSONValue {
        let totals = self.totals
        var totalsObject: JSONObject = ["fixtures": .integer(totals.fixtures)]
        for outcome in FixtureOutcome.allCases { totalsObject[outcome.rawValue] = .integer(totals[outcome]) }
        return [
            "report_schema_version": .integer(Self.schemaVersion),
            "run_id": .string(runID),
            "started_at": .string(startedAt),
            "finished_at": .string(finishedAt),
            "status": .string(status.rawValue),
            "engine": .string(engine),
            "gate": ["fail_on": .string(failOn.rawValue), "passed": .bool(gatePassed)],
            "totals": .object(totalsObject),
            "shard": shard.map { ["index": .integer($0.index), "count": .integer($0.count)] } ?? .null,
            "manifest": manifest,
            "fixtures": .array(fixtures.map(\.json)),
            "skipped": .array(skipped.map { ["source": .string($0.source), "fixture": .string($0.fixture), "reason": .string($0.reason)] }),
            "failure": failure.map(JSONValue.string) ?? .null,
        ]
    }

    /// Reads a `report.json` of this schema version; anything else is an error naming the file.
    public init(json value: JSONValue, file: String) throws(SnapdriftError) {
        func fail(_ message: String) -> SnapdriftError {
            SnapdriftError(.invalidReport, message, at: SourceLocation(file: file))
        }
        guard let object = value.objectValue else { throw fail("a report is a JSON object") }
        guard let version = object["report_schema_version"]?.numberValue?.intValue else {
            throw fail("not a snapdrift report: no report_schema_version")
        }
        guard version == Self.schemaVersion else {
            throw fail("report_schema_version is \(version); this snapdrift reads version \(Self.schemaVersion)")
        }
        func string(_ key: String) throws(SnapdriftError) -> String {
            guard let text = object[key]?.stringValue else { throw fail("'\(key)' must be a string") }
            return text
        }
        guard let status = object["status"]?.stringValue.flatMap(RunStatus.init) else { throw fail("'status' is not success, degraded or failed") }
        guard let gate = object["gate"]?.objectValue, let failOn = gate["fail_on"]?.stringValue.flatMap(GateLevel.init),
              case .bool(let passed)? = gate["passed"] else { throw fail("'gate' must be {fail_on, passed}") }
        var shard: Shard?
        if let shardObject = object["shard"]?.objectValue {
            guard let index = shardObject["index"]?.numberValue?.intValue, let count = shardObject["count"]?.numberValue?.intValue else {
                throw fail("'shard' must be {index, count}")
            }
            shard = try Shard(index: index, count: count)
        }
        guard let fixtureValues = object["fixtures"]?.arrayValue else { throw fail("'fixtures' must be a list") }
        var fixtures: [FixtureReport] = []
        for (index, fixture) in fixtureValues.enumerated() {
            do {
                fixtures.append(try FixtureReport(json: fixture))
            } catch {
                throw fail("fixtures[\(index)]: \(error.message)")
            }
        }
        var skipped: [SkippedFixture] = []
        for entry in object["skipped"]?.arrayValue ?? [] {
            guard let source = entry["source"]?.stringValue, let fixture = entry["fixture"]?.stringValue, let reason = entry["reason"]?.stringValue else {
                throw fail("'skipped' entries are {source, fixture, reason}")
            }
            skipped.append(SkippedFixture(source: source, fixture: fixture, reason: reason))
        }
        self.init(runID: try string("run_id"), startedAt: try string("started_at"), finishedAt: try string("finished_at"),
                  status: status, engine: try string("engine"), failOn: failOn, gatePassed: passed, shard: shard,
                  manifest: object["manifest"] ?? .object([:]), fixtures: fixtures, skipped: skipped, failure: object["failure"]?.stringValue)
    }

    /// Reads `report.json` from disk.
    public static func read(path: String) throws(SnapdriftError) -> RunReport {
        let bytes = try FileIO.read(path)
        let value: JSONValue
        do {
            value = try JSONReader.read(bytes).value
        } catch {
            throw error.inFile(path)
        }
        return try RunReport(json: value, file: path)
    }
}

extension FixtureReport {
    public var json: JSONValue {
        var object: JSONObject = [
            "source": .string(source),
            "fixture": .string(fixture),
            "outcome": .string(outcome.rawValue),
            "attribution": attribution.map(JSONValue.string) ?? .null,
            "schema": [
                "golden": schema.golden.map(JSONValue.integer) ?? .null,
                "spec": schema.spec.map(JSONValue.integer) ?? .null,
                "migrated": .bool(schema.migrated),
            ],
            "changes": .array(changes.map(\.json)),
            "error": error.map(JSONValue.string) ?? .null,
            "notes": .array(notes.map(JSONValue.string)),
            "reused": .bool(reused),
        ]
        if let diff { object["diff"] = .string(diff) }
        return .object(object)
    }

    public init(json value: JSONValue) throws(SnapdriftError) {
        guard let object = value.objectValue, let source = object["source"]?.stringValue, let fixture = object["fixture"]?.stringValue,
              let outcome = object["outcome"]?.stringValue.flatMap(FixtureOutcome.init) else {
            throw SnapdriftError(.invalidReport, "an entry needs source, fixture and a known outcome")
        }
        let schema = object["schema"]?.objectValue
        var changes: [DriftChange] = []
        for change in object["changes"]?.arrayValue ?? [] { changes.append(try DriftChange(json: change)) }
        var migrated = false
        if case .bool(let flag)? = schema?["migrated"] { migrated = flag }
        var reused = false
        if case .bool(let flag)? = object["reused"] { reused = flag }
        self.init(source: source, fixture: fixture, outcome: outcome, attribution: object["attribution"]?.stringValue,
                  schema: SchemaInfo(golden: schema?["golden"]?.numberValue?.intValue, spec: schema?["spec"]?.numberValue?.intValue, migrated: migrated),
                  changes: changes, error: object["error"]?.stringValue, notes: object["notes"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                  diff: object["diff"]?.stringValue, reused: reused)
    }
}
