import ArgumentParser
import Foundation
import SnapdriftCore

struct NormalizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Print the canonical JSON a fixture normalizes to.",
        discussion: "The spec is the spec.yml in the fixture's folder unless --spec names another."
    )

    enum Stage: String, ExpressibleByArgument, CaseIterable {
        case normalized, finalized, both, provenance
    }

    @Argument(help: "The fixture (an .html or .json page).") var fixture: String
    @Option(help: "The spec to use (default: spec.yml next to the fixture).") var spec: String?
    @Option(help: "What to print: normalized, finalized, both or provenance.") var stage: Stage = .both

    func run() async throws {
        try await runCommand {
            let fixtureURL = URL(fileURLWithPath: fixture).standardizedFileURL
            let specPath = spec ?? fixtureURL.deletingLastPathComponent().appendingPathComponent("spec.yml").path
            let source = URL(fileURLWithPath: specPath).deletingLastPathComponent().lastPathComponent
            let loaded = try SpecLoader.load(path: specPath, displayPath: spec ?? specPath, source: source)
            let page = try FixtureNormalizer.load(path: fixtureURL.path, displayPath: fixture)
            let result = try await FixtureNormalizer.normalize(page, path: fixtureURL.path, spec: loaded)
            for warning in result.warnings { Terminal.standardError("warning: \(warning)\n") }
            let output: JSONValue
            switch stage {
            case .normalized: output = result.normalized
            case .finalized: output = result.finalized
            case .both: output = ["normalized": result.normalized, "finalized": result.finalized]
            case .provenance: output = result.provenance
            }
            Terminal.standardOutput(CanonicalJSON.string(output))
            return 0
        }
    }
}

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every spec of the project; exit 2 on any error."
    )

    @Option(help: "The project root.") var root: String = "."

    func run() async throws {
        try await runCommand {
            let project = try Project(root: root)
            var failed = 0
            let sources = try project.sources()
            if sources.isEmpty { throw SnapdriftError(.invalidSpec, "no Fixtures/<source>/spec.yml in \(root)") }
            for source in sources {
                do throws(SnapdriftError) {
                    let spec = try project.loadSpec(source)
                    let fixtures = try project.fixtures(of: spec)
                    let what = spec.normalizer != nil ? "external normalizer" : "\(spec.fields.count) field\(spec.fields.count == 1 ? "" : "s")"
                    Terminal.standardOutput("\(spec.file): ok (\(what), \(fixtures.count) fixture\(fixtures.count == 1 ? "" : "s"))\n")
                } catch {
                    failed += 1
                    Terminal.standardError(error.description + "\n")
                }
            }
            return failed == 0 ? 0 : 2
        }
    }
}

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create Fixtures/, Golden/, reports/ and a commented example spec."
    )

    @Argument(help: "Where to create the project (default: here).") var directory: String = "."

    func run() async throws {
        try await runCommand {
            let created = try ProjectScaffold.create(at: directory)
            for path in created { Terminal.standardOutput("created \(path)\n") }
            Terminal.standardOutput("next: put captured pages in Fixtures/example/, edit its spec.yml, then run `snapdrift check`\n")
            return 0
        }
    }
}

struct SpecReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec-reference",
        abstract: "Print the spec reference (docs/spec-reference.md) generated from the key registry.",
        shouldDisplay: false
    )

    func run() throws {
        Terminal.standardOutput(SpecReference.markdown())
    }
}
