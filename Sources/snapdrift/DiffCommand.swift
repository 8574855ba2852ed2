import ArgumentParser
import SnapdriftCore

extension JSONFileDiff.Format: ExpressibleByArgument {}

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Structural diff of two JSON files; exit 0 equal, 1 different, 2 error.",
        discussion: "--format json-patch prints RFC 6902 operations that turn A into B."
    )

    @Argument(help: "The first JSON file.") var a: String
    @Argument(help: "The second JSON file.") var b: String
    @Option(help: "text, json or json-patch.") var format: JSONFileDiff.Format = .text

    func run() async throws {
        try await runCommand {
            let before = try read(a)
            let after = try read(b)
            Terminal.standardOutput(JSONFileDiff.render(before, after, format: format))
            return before == after ? 0 : 1
        }
    }

    private func read(_ path: String) throws(SnapdriftError) -> JSONValue {
        do {
            return try JSONReader.read(FileIO.read(path)).value
        } catch {
            throw error.location?.file == nil && error.code == .invalidJSON ? error.inFile(path) : error
        }
    }
}
