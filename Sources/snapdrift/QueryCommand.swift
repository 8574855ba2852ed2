import ArgumentParser
import Foundation
import SnapdriftCore

struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Print what a CSS selector, XPath, JSON-LD type or JSON Pointer finds in a page, as JSON.",
        discussion: """
        HTML nodes print as {"path", "text", "attributes"}; JSON-LD objects and JSON values print as they are.
        Use it to write a spec's field rules: `snapdrift query page.html --css 'h1.title'`.
        """
    )

    @Argument(help: "The page: an .html or .json file (its .meta.json sidecar is read if present).")
    var file: String

    @Option(help: "A CSS selector.") var css: String?
    @Option(help: "An XPath 1.0 expression.") var xpath: String?
    @Option(help: "A schema.org type to find in the page's JSON-LD, e.g. Recipe.") var jsonld: String?
    @Option(help: "A JSON Pointer into a JSON page, e.g. /data/0/title.") var json: String?

    func validate() throws {
        let given = [css, xpath, jsonld, json].compactMap { $0 }.count
        if given != 1 { throw ValidationError("give exactly one of --css, --xpath, --jsonld or --json") }
    }

    func run() async throws {
        try await runCommand {
            let target: PageQuery.Target
            if let css { target = .css(css) } else if let xpath { target = .xpath(xpath) } else if let jsonld { target = .jsonld(jsonld) } else { target = .json(json!) }
            let bytes = try FileIO.read(file)
            let sidecarPath = file + ".meta.json"
            let sidecar = FileIO.exists(sidecarPath) ? try FixtureSidecar(json: FileIO.read(sidecarPath)) : nil
            let (matches, warnings) = try PageQuery.run(target, bytes: bytes, format: PageFormat.inferred(from: file), sidecar: sidecar)
            for warning in warnings { Terminal.standardError("warning: \(warning)\n") }
            if case .array(let items) = matches {
                Terminal.standardError("\(items.count) match\(items.count == 1 ? "" : "es")\n")
            }
            Terminal.standardOutput(CanonicalJSON.readable(matches))
            return 0
        }
    }
}
