import ArgumentParser
import Foundation
import SnapdriftCore

extension GateLevel: ExpressibleByArgument {}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Normalize every fixture, compare with its golden, write the run's reports, and gate.",
        discussion: """
        Exit codes: 0 the gate passed, 1 differences fail the gate (--fail-on), 2 the run failed, 64 usage error.
        Outside --ci, pending goldens (<golden>.json.new) are written for new and drifted fixtures.
        CI=true implies --ci: nothing is written under Golden/ and a missing golden fails the gate.
        """
    )

    @Option(help: "The project root.") var root: String = "."
    @Option(name: .customLong("source"), help: "Check only this source (repeatable).") var sources: [String] = []
    @Flag(help: "CI mode: write nothing under Golden/, fail on missing goldens.") var ci = false
    @Option(name: .customLong("fail-on"), help: "What fails the gate: breaking, drift, any or never.") var failOn: GateLevel = .any
    @Option(help: "Also normalize with the spec and fixtures at this git ref, and label each change upstream, spec or both.") var against: String?
    @Flag(help: "Normalize the live page of every fixture with a sidecar URL.") var live = false
    @Option(help: "Check shard I of N (fixtures split by a hash of their path).") var shard: String?
    @Option(help: "Fixtures processed at once (default: all cores).") var jobs: Int?
    @Flag(help: "Re-verify every fixture, even those whose golden proves the output.") var full = false
    @Flag(help: "Write pending goldens for matches whose golden is out of date (hashes, provenance, schema version).") var refresh = false
    @Option(help: "Where run folders go (default: <root>/reports).") var reports: String?
    @Option(name: .customLong("max-page-bytes"), help: "Refuse pages larger than this (default 64 MiB).") var maxPageBytes: Int?
    @OptionGroup(title: "Live fetching (--live)") var fetch: FetchArguments

    func run() async throws {
        try await runCommand {
            var options = CheckOptions()
            options.root = root
            options.sources = sources
            let environment = ProcessInfo.processInfo.environment
            options.ci = ci || environment["CI"]?.lowercased() == "true"
            options.failOn = failOn
            options.against = against
            options.live = live
            options.full = full
            options.refresh = refresh
            options.reportsFolder = reports
            if let shard { options.shard = try Shard(parsing: shard) }
            if let jobs {
                guard jobs >= 1 else { throw SnapdriftError(.usage, "--jobs must be 1 or more") }
                options.jobs = jobs
            }
            if let maxPageBytes { options.maximumPageBytes = maxPageBytes }
            options.fetch = fetch.options

            let progress = ProgressBar.standardErrorIfTerminal()
            var callback: (@Sendable (Int, Int) -> Void)?
            if let progress {
                callback = { @Sendable done, total in progress.update(done, total) }
            }
            let result = await CheckRunner.run(options, progress: callback)
            progress?.clear()
            let palette = TerminalReporter.Palette(enabled: Terminal.colorsEnabled)
            Terminal.standardOutput(TerminalReporter.render(result.report, palette: palette, runFolder: result.runFolder.map(displayPath)))
            for problem in result.problems { Terminal.standardError(problem + "\n") }
            if environment["GITHUB_ACTIONS"] == "true" {
                Terminal.standardOutput(GitHubReporter.annotations(result.report))
                if let summary = environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
                    try GitHubReporter.appendStepSummary(MarkdownReporter.render(result.report), to: summary)
                }
            }
            return result.exitCode
        }
    }

    private func displayPath(_ path: String) -> String {
        let current = FileManager.default.currentDirectoryPath
        return path.hasPrefix(current + "/") ? String(path.dropFirst(current.count + 1)) : path
    }
}

/// A progress bar on stderr, only when stderr is a terminal and the run is long.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var lastDrawn = Date.distantPast
    private var drawn = false

    static func standardErrorIfTerminal() -> ProgressBar? {
        isatty(2) != 0 ? ProgressBar() : nil
    }

    func update(_ done: Int, _ total: Int) {
        guard total >= 20 else { return }
        lock.withLock {
            let now = Date()
            guard done == total || now.timeIntervalSince(lastDrawn) > 0.1 else { return }
            lastDrawn = now
            drawn = true
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            Terminal.standardError("\r\(bar) \(done)/\(total)")
        }
    }

    func clear() {
        lock.withLock {
            if drawn { Terminal.standardError("\r\u{1B}[2K") }
        }
    }
}
