import ArgumentParser
import Foundation
import SnapdriftCore

extension MatrixGateLevel: ExpressibleByArgument {}

struct MatrixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Compare a whole run with a baseline, fixture by fixture, with the evidence's schema pinned.",
        discussion: """
        Each report is a report.json, a run id under reports/runs/, `latest`, or a glob.
        The baseline takes, per fixture, the most recent outcome among its reports; several
        current reports (shards) count as one run. Verdicts: unchanged, fixed, regressed,
        changed, new, removed, excluded, no-baseline. Exit 1 when the gate fails (--fail-on,
        default regressed), 2 on bad input.
        """
    )

    @Option(parsing: .upToNextOption, help: "Baseline reports.") var baseline: [String] = []
    @Option(parsing: .upToNextOption, help: "Current reports.") var current: [String] = []
    @Option(help: "A YAML file of {source, fixture (glob), reason} exclusions.") var exclusions: String?
    @Option(help: "A YAML file declaring how to read reports of another report_schema_version.") var equivalence: String?
    @Option(help: "text, md, json or html.") var format: Format = .text
    @Option(name: .customLong("fail-on"), help: "regressed, changed, any or never.") var failOn: MatrixGateLevel = .regressed
    @Option(help: "The project root, for run ids and `latest`.") var root: String = "."
    @Option(help: "Write to this file instead of standard output (links in HTML are made relative to it).") var output: String?

    enum Format: String, ExpressibleByArgument {
        case text, md, json, html
    }

    func validate() throws {
        if baseline.isEmpty || current.isEmpty { throw ValidationError("give --baseline and --current reports") }
    }

    func run() async throws {
        try await runCommand {
            let equivalences = try equivalence.map { path throws(SnapdriftError) in try ReportEquivalence.load(path: path) } ?? []
            let before = try MatrixEvidenceLoader.load(baseline, root: root, equivalences: equivalences)
            let after = try MatrixEvidenceLoader.load(current, root: root, equivalences: equivalences)
            let declared = try exclusions.map { path throws(SnapdriftError) in try MatrixExclusion.load(path: path) } ?? []
            let matrix = BaselineMatrix(baseline: before, current: after, exclusions: declared, failOn: failOn)
            let text: String
            switch format {
            case .text: text = matrix.text(palette: .init(enabled: output == nil && Terminal.colorsEnabled))
            case .md: text = matrix.markdown
            case .json: text = CanonicalJSON.string(matrix.json)
            case .html:
                let base = output.map { (URL(fileURLWithPath: $0).standardizedFileURL.path as NSString).deletingLastPathComponent }
                    ?? FileManager.default.currentDirectoryPath
                text = matrix.html(linkBase: base)
            }
            if let output {
                try FileIO.writeAtomically(text, to: output)
            } else {
                Terminal.standardOutput(text)
            }
            if format != .text || output != nil {
                for warning in matrix.warnings { Terminal.standardError("warning: \(warning)\n") }
            }
            return matrix.gatePassed ? 0 : 1
        }
    }
}
