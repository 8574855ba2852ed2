import ArgumentParser
import Foundation
import SnapdriftCore

struct CaptureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Re-fetch fixtures from their sidecar URL into pending captures (<name>.new) for review.",
        discussion: "Each new page is normalized; `review` shows what it changes in the records, `accept` promotes page, sidecar and golden together. Exit 1 when a page could not be fetched."
    )

    @Option(help: "The project root.") var root: String = "."
    @Option(name: .customLong("source"), help: "Only this source (repeatable).") var sources: [String] = []
    @Option(help: "Only fixtures whose file name matches this glob.") var fixture: String?
    @OptionGroup var fetch: FetchArguments

    func run() async throws {
        try await runCommand {
            let project = try Project(root: root)
            let results = try await Capture.run(project: project, sources: sources, fixtureGlob: fixture, fetch: fetch.options)
            var failed = 0
            for result in results {
                switch result.status {
                case .captured(let changes, let breaking):
                    let detail = changes == 0 ? "same records" : "\(changes) change\(changes == 1 ? "" : "s") to the records" + (breaking > 0 ? ", \(breaking) breaking" : "")
                    Terminal.standardOutput("captured \(result.fixture.displayPath).new (\(detail))\n")
                case .unchanged:
                    Terminal.standardOutput("unchanged \(result.fixture.displayPath)\n")
                case .skipped(let reason):
                    Terminal.standardOutput("skipped \(result.fixture.displayPath): \(reason)\n")
                case .failed(let reason):
                    failed += 1
                    Terminal.standardError("failed \(result.fixture.displayPath): \(reason)\n")
                }
            }
            if results.contains(where: { if case .captured = $0.status { return true } else { return false } }) {
                Terminal.standardOutput("review the captures with `snapdrift review`, or `snapdrift accept` / `reject`\n")
            }
            return failed == 0 ? 0 : 1
        }
    }
}

/// Options of live fetching, shared by `check --live` and `capture`.
struct FetchArguments: ParsableArguments {
    @Option(name: .customLong("user-agent"), help: "The User-Agent header.") var userAgent: String?
    @Option(name: .customLong("fetch-timeout"), help: "Seconds before a request is abandoned (default 20).") var timeout: Double?
    @Option(name: .customLong("fetch-retries"), help: "Retries after a network error or a 5xx answer (default 2).") var retries: Int?
    @Option(name: .customLong("per-host"), help: "Requests in flight at once per host (default 2).") var perHost: Int?
    @Option(name: .customLong("host-delay"), help: "Seconds between requests to one host (default 0.5).") var hostDelay: Double?

    var options: FetchOptions {
        var options = FetchOptions()
        if let userAgent { options.userAgent = userAgent }
        if let timeout { options.timeout = timeout }
        if let retries { options.retries = max(0, retries) }
        if let perHost { options.perHostConcurrency = max(1, perHost) }
        if let hostDelay { options.perHostDelay = max(0, hostDelay) }
        return options
    }
}

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Per field: rule, matches, value; for a field that lost its match, a verified selector that finds the golden value.",
        discussion: """
        The spec is the spec.yml next to the fixture, the golden Golden/<source>/<fixture>.json of its project.
        --format json prints {"fields": [{field, rule, matches, value, suggestion: {selector, value}, …}]}.
        """
    )

    enum Format: String, ExpressibleByArgument { case text, json }

    @Argument(help: "The fixture.") var fixture: String
    @Option(help: "The spec to use (default: spec.yml next to the fixture).") var spec: String?
    @Option(help: "The golden to compare with (default: the fixture's golden in its project).") var golden: String?
    @Option(help: "text or json.") var format: Format = .text

    func run() async throws {
        try await runCommand {
            let fixtureURL = URL(fileURLWithPath: fixture).standardizedFileURL
            let sourceFolder = fixtureURL.deletingLastPathComponent()
            let source = sourceFolder.lastPathComponent
            let specPath = spec ?? sourceFolder.appendingPathComponent("spec.yml").path
            let loadedSpec = try SpecLoader.load(path: specPath, displayPath: spec ?? specPath, source: source)
            let goldenPath = golden ?? sourceFolder.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Golden/\(source)/\(fixtureURL.lastPathComponent).json").path
            let goldenFile = FileIO.exists(goldenPath) ? try GoldenFile.read(path: goldenPath, displayPath: goldenPath) : nil
            let explanations = try Explainer.explain(fixture: fixtureURL.path, displayPath: fixture, spec: loadedSpec, golden: goldenFile)
            switch format {
            case .json:
                Terminal.standardOutput(CanonicalJSON.string(["fields": .array(explanations.map(\.json))]))
            case .text:
                let title = "\(fixture) — \(loadedSpec.file)" + (goldenFile == nil ? " (no golden: nothing to compare)" : ", golden \(goldenPath)")
                Terminal.standardOutput(Explainer.text(explanations, title: title))
            }
            return 0
        }
    }
}
