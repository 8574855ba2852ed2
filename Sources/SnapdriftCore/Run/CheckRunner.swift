import Foundation

/// What `snapdrift check` did.
public struct CheckRunResult: Sendable {
    public var report: RunReport
    /// The run folder, when one could be created.
    public var runFolder: String?
    /// 0 gate passed, 1 gate failed, 2 run failed (DESIGN §6).
    public var exitCode: Int32
    /// Why the run failed, in compiler form, for stderr.
    public var problems: [String]
}

/// `snapdrift check`: the whole pipeline over every fixture of a project.
public enum CheckRunner {
    /// Runs the check. Never throws: a failure inside the run is a `failed` report, a
    /// `run_failed` event and exit code 2.
    public static func run(_ options: CheckOptions, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async -> CheckRunResult {
        let started = Date()
        let project: Project
        let recorder: RunRecorder
        do {
            project = try Project(root: options.root, reportsFolder: options.reportsFolder)
            recorder = try RunRecorder(reportsFolder: project.reportsFolder, startedAt: started)
        } catch {
            let report = RunReport(runID: Timestamps.runID(started), startedAt: Timestamps.string(started), finishedAt: Timestamps.string(Date()),
                                   status: .failed, failOn: options.failOn, gatePassed: false, shard: options.shard, manifest: [:],
                                   fixtures: [], failure: error.plainText)
            return CheckRunResult(report: report, runFolder: nil, exitCode: 2, problems: [error.description])
        }
        var run = Run(options: options, project: project, recorder: recorder, started: started)
        return await run.execute(progress: progress)
    }

    private struct Run {
        let options: CheckOptions
        let project: Project
        let recorder: RunRecorder
        let started: Date
        var specs: [Spec] = []

        init(options: CheckOptions, project: Project, recorder: RunRecorder, started: Date) {
            self.options = options
            self.project = project
            self.recorder = recorder
            self.started = started
        }

        mutating func execute(progress: (@Sendable (Int, Int) -> Void)?) async -> CheckRunResult {
            recorder.events.record("run_started", [
                "engine": .string(Engine.name), "ci": .bool(options.ci), "fail_on": .string(options.failOn.rawValue),
                "sources": .array(options.sources.map(JSONValue.string)), "shard": options.shard.map { .string($0.description) } ?? .null,
                "full": .bool(options.full), "live": .bool(options.live), "against": options.against.map(JSONValue.string) ?? .null,
            ])
            do throws(SnapdriftError) {
                try AcceptJournal.recover(project: project)
                try TemporaryFiles.sweep(project.goldenFolder, events: recorder.events)
                specs = try loadSpecs()
                var checks: [FixtureCheck] = []
                var obsolete: [FixtureReport] = []
                let fetcher = options.live ? HTTPFetcher(options: options.fetch) : nil
                for spec in specs {
                    let fixtures = try project.fixtures(of: spec)
                    for fixture in fixtures where options.shard?.contains("\(fixture.source)/\(fixture.name)") ?? true {
                        checks.append(FixtureCheck(project: project, spec: spec, fixture: fixture, options: options, fetcher: fetcher))
                    }
                    let names = Set(fixtures.map(\.name))
                    for golden in try project.goldenNames(of: spec.source) where !names.contains(golden) {
                        guard options.shard?.contains("\(spec.source)/\(golden)") ?? true else { continue }
                        obsolete.append(FixtureReport(source: spec.source, fixture: golden, outcome: .obsolete,
                                                      schema: SchemaInfo(golden: nil, spec: spec.schemaVersion, migrated: false),
                                                      notes: ["Golden/\(spec.source)/\(golden).json has no fixture: restore Fixtures/\(spec.source)/\(golden) or delete the golden"]))
                    }
                }
                if checks.isEmpty && obsolete.isEmpty && options.shard == nil {
                    throw SnapdriftError(.invalidSpec, "nothing to check: no fixture matches the specs' fixture globs" + (options.shard.map { " in shard \($0)" } ?? ""))
                }
                var results = await process(checks, progress: progress)
                if let failure = results.compactMap(\.writeFailure).first {
                    throw SnapdriftError(.io, failure.message.replacingOccurrences(of: project.root + "/", with: ""),
                                         notes: ["pending goldens could not be written; is Golden/ writable?"])
                }
                if let reference = options.against {
                    let against = AgainstReference(reference: reference, project: project, options: options)
                    try await against.verify()
                    results = await against.label(results, specs: specs)
                }
                let skipped = results.compactMap { result in
                    result.skipped.map { SkippedFixture(source: result.report.source, fixture: result.report.fixture, reason: $0) }
                }.sorted { ($0.source, $0.fixture) < ($1.source, $1.fixture) }
                if !skipped.isEmpty {
                    recorder.events.record("run_warning", ["message": .string("\(skipped.count) fixture\(skipped.count == 1 ? "" : "s") skipped: \(skipped.map { "\($0.source)/\($0.fixture)" }.joined(separator: ", "))")])
                }
                let stale = results.filter { $0.report.notes.contains { $0.hasPrefix("the golden is out of date") } }.count
                if stale > 0 {
                    recorder.events.record("run_warning", ["message": .string("\(stale) golden\(stale == 1 ? " is" : "s are") out of date in hashes, provenance or schema version; `snapdrift check --refresh` writes refreshed pending goldens")])
                }
                if let shard = options.shard, checks.isEmpty {
                    recorder.events.record("run_warning", ["message": .string("shard \(shard) has no fixtures")])
                }
                let fixtures = (results.filter { $0.skipped == nil }.map(\.report) + obsolete).sorted { ($0.source, $0.fixture) < ($1.source, $1.fixture) }
                return finish(fixtures: fixtures, skipped: skipped, failure: nil)
            } catch {
                return finish(fixtures: [], skipped: [], failure: error)
            }
        }

        private func loadSpecs() throws(SnapdriftError) -> [Spec] {
            let available = try project.sources()
            for wanted in options.sources where !available.contains(wanted) {
                let notes = Suggestion.closest(to: wanted, in: available).map { ["did you mean '\($0)'?"] } ?? ["sources: " + available.joined(separator: ", ")]
                throw SnapdriftError(.usage, "no source named '\(wanted)' in Fixtures/", notes: notes)
            }
            let selected = options.sources.isEmpty ? available : available.filter { options.sources.contains($0) }
            if selected.isEmpty { throw SnapdriftError(.invalidSpec, "nothing to check: no Fixtures/<source>/spec.yml in \(project.root)") }
            var loaded: [Spec] = []
            var problems: [SnapdriftError] = []
            for source in selected {
                do {
                    loaded.append(try project.loadSpec(source))
                } catch {
                    problems.append(error)
                }
            }
            if var first = problems.first {
                first.additional += problems.dropFirst()
                throw first
            }
            return loaded
        }

        /// Runs the fixture checks with at most `jobs` in flight; the results come back in
        /// completion order and are sorted later.
        private func process(_ checks: [FixtureCheck], progress: (@Sendable (Int, Int) -> Void)?) async -> [FixtureCheckResult] {
            let jobs = max(1, options.jobs)
            let events = recorder.events
            return await withTaskGroup(of: FixtureCheckResult.self) { group in
                var results: [FixtureCheckResult] = []
                results.reserveCapacity(checks.count)
                var next = 0
                while next < min(jobs, checks.count) {
                    let check = checks[next]
                    group.addTask { await check.run() }
                    next += 1
                }
                for await result in group {
                    if result.report.outcome == .error {
                        events.record("fixture_failed", ["source": .string(result.report.source), "fixture": .string(result.report.fixture),
                                                         "reason": .string(result.report.error ?? "")])
                    }
                    results.append(result)
                    progress?(results.count, checks.count)
                    if next < checks.count {
                        let check = checks[next]
                        group.addTask { await check.run() }
                        next += 1
                    }
                }
                return results
            }
        }

        private func manifest() -> JSONValue {
            var sources = JSONObject()
            for spec in specs {
                sources[spec.source] = [
                    "spec": .string(spec.file),
                    "spec_sha256": .string(spec.sha256),
                    "schema_version": .integer(spec.schemaVersion),
                    "rules": SecretMasking.mask(spec.canonical),
                    "redact": .array(spec.compare.redact.map { .string($0.text) }),
                ]
            }
            return [
                "sources": .object(sources),
                "options": [
                    "ci": .bool(options.ci), "fail_on": .string(options.failOn.rawValue), "full": .bool(options.full),
                    "live": .bool(options.live), "against": options.against.map(JSONValue.string) ?? .null,
                    "jobs": .integer(options.jobs), "shard": options.shard.map { .string($0.description) } ?? .null,
                    "sources": .array(options.sources.map(JSONValue.string)),
                ],
            ]
        }

        private func finish(fixtures: [FixtureReport], skipped: [SkippedFixture], failure: SnapdriftError?) -> CheckRunResult {
            let status: RunStatus = failure == nil ? Gate.status(fixtures) : .failed
            let passed = failure == nil && Gate.passes(fixtures, level: options.failOn, ci: options.ci)
            let report = RunReport(runID: recorder.runID, startedAt: Timestamps.string(started), finishedAt: Timestamps.string(Date()),
                                   status: status, failOn: options.failOn, gatePassed: passed, shard: options.shard,
                                   manifest: manifest(), fixtures: fixtures, skipped: skipped, failure: failure?.plainText)
            var problems: [String] = failure.map { [$0.description] } ?? []
            do {
                try recorder.finish(report)
            } catch {
                problems.append(error.description)
                recorder.events.record("run_failed", ["reason": .string(error.plainText)])
                return CheckRunResult(report: report, runFolder: recorder.folder, exitCode: 2, problems: problems)
            }
            if let failure {
                recorder.events.record("run_failed", ["reason": .string(failure.plainText)])
                return CheckRunResult(report: report, runFolder: recorder.folder, exitCode: failure.code == .usage ? 64 : 2, problems: problems)
            }
            let totals = report.totals
            var totalsObject: JSONObject = ["fixtures": .integer(totals.fixtures)]
            for outcome in FixtureOutcome.allCases { totalsObject[outcome.rawValue] = .integer(totals[outcome]) }
            recorder.events.record("run_completed", ["status": .string(status.rawValue), "gate_passed": .bool(passed), "totals": .object(totalsObject),
                                                    "peak_rss_bytes": .integer(ResourceUsage.peakResidentBytes)])
            return CheckRunResult(report: report, runFolder: recorder.folder, exitCode: passed ? 0 : 1, problems: problems)
        }
    }
}
