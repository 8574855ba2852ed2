import ArgumentParser
import Foundation
import SnapdriftCore

struct MergeReportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-reports",
        abstract: "Join the reports of `check --shard I/N` runs into one run, with one gate decision.",
        discussion: "Writes a new run folder (report.json, summary.md, junit.xml, report.html) and replaces reports/latest.json."
    )

    @Argument(help: "Shard reports: report.json files, run ids under reports/runs/, or globs.") var reports: [String]
    @Option(help: "The project root, for run ids.") var root: String = "."
    @Option(name: .customLong("reports"), help: "Where the merged run folder goes (default: <root>/reports).") var reportsFolder: String?
    @Option(name: .customLong("fail-on"), help: "The gate level (default: the shards').") var failOn: GateLevel?

    func run() async throws {
        try await runCommand {
            let evidence = try MatrixEvidenceLoader.load(reports, root: root, equivalences: [])
            let merged = try ReportMerger.merge(evidence.map { ($0.report, $0.file) }, failOn: failOn)
            let folder = reportsFolder ?? root + "/reports"
            let recorder = try RunRecorder(reportsFolder: folder, startedAt: Date())
            var report = merged
            report.runID = recorder.runID
            recorder.events.record("run_started", ["merged_from": .array(evidence.map { .string($0.report.runID) })])
            try recorder.finish(report)
            recorder.events.record(report.status == .failed ? "run_failed" : "run_completed",
                                   ["status": .string(report.status.rawValue), "gate_passed": .bool(report.gatePassed)])
            Terminal.standardOutput(TerminalReporter.render(report, palette: .init(enabled: Terminal.colorsEnabled), runFolder: recorder.folder))
            if ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" {
                Terminal.standardOutput(GitHubReporter.annotations(report))
                if let summary = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
                    try GitHubReporter.appendStepSummary(MarkdownReporter.render(report), to: summary)
                }
            }
            return report.status == .failed ? 2 : (report.gatePassed ? 0 : 1)
        }
    }
}
