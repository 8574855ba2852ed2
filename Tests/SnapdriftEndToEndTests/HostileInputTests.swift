import Foundation
import SnapdriftCore
import SnapdriftTestSupport
import Testing

/// Fixtures and specs from the open web and from pull requests, treated as hostile: every
/// one is an outcome with a reason or a correct result — never a crash, a hang, or a write
/// it should not make.
@Suite("Hostile input")
struct HostileInputTests {
    static let htmlSpec = "fields:\n  title: { css: h1, required: true }\n  link: { css: a, attr: href }\n"
    static let jsonSpec = "format: json\nfields:\n  a: /a\n  b: /b\n"

    @Test("bad fixtures: each an error with a reason or a correct result")
    func badFixtures() throws {
        let project = try TestProject(source: "pages", spec: Self.htmlSpec, fixtures: [:])
        defer { project.remove() }
        func write(_ name: String, _ bytes: [UInt8]) throws { try project.folder.write("Fixtures/pages/\(name)", Data(bytes)) }
        try write("empty.html", [])
        var generator = SystemRandomNumberGenerator()
        try write("garbage.html", (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try write("nul.html", Array("<html><body><p>x".utf8) + [0] + Array("y</p><h1>After the NUL</h1></body></html>".utf8))
        try write("invalid-utf8.html", Array("<h1>caf".utf8) + [0xE9, 0xFF] + Array("</h1>".utf8))
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<html><body><h1>Snö ☃</h1></body></html>".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try write("utf16.html", utf16)
        try write("cp1252.html", Array("<html><head><meta charset=\"windows-1252\"></head><body><h1>Caf".utf8) + [0xE9, 0x20, 0x80] + Array("</h1></body></html>".utf8))
        try write("deep.html", Array((String(repeating: "<div>", count: 100_000) + "<h1>Deep</h1>" + String(repeating: "</div>", count: 100_000)).utf8))
        try write("long-attribute.html", Array(("<h1>Long</h1><a href=\"" + String(repeating: "x", count: 10_000_000) + "\">x</a>").utf8))
        var big = Array("<html><body><h1>Big</h1>".utf8)
        let paragraph = Array("<p>lorem ipsum dolor sit amet, consectetur adipiscing elit</p>\n".utf8)
        while big.count < 50_000_000 { big += paragraph }
        try write("big.html", big + Array("</body></html>".utf8))

        try project.write("Fixtures/data/spec.yml", Self.jsonSpec)
        try project.write("Fixtures/data/deep.json", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        try project.write("Fixtures/data/numbers.json", #"{"a": 1e400, "b": 18446744073709551617}"#)
        try project.write("Fixtures/data/duplicates.json", #"{"a": 1, "a": 2, "b": 0.1}"#)

        let started = Date()
        let run = try project.run(["check"])
        #expect(run.status == 1, "new and errored fixtures fail the default gate; no crash: \(run.standardError)")
        #expect(Date().timeIntervalSince(started) < 120)
        let report = try project.latestReport()
        func entry(_ name: String) -> FixtureReport? { report.fixtures.first { $0.fixture == name } }
        #expect(entry("empty.html")?.outcome == .error)
        #expect(entry("empty.html")?.error?.contains("the page is empty") == true)
        #expect([.new, .error].contains(entry("garbage.html")?.outcome), "garbage: a result or an error")
        for name in ["nul.html", "invalid-utf8.html", "utf16.html", "cp1252.html", "deep.html", "long-attribute.html", "big.html",
                     "numbers.json", "duplicates.json"] {
            #expect(entry(name)?.outcome == .new, "\(name): \(entry(name)?.error ?? "")")
        }
        #expect(entry("nul.html")?.notes.contains("1 NUL byte replaced with U+FFFD") == true)
        #expect(entry("invalid-utf8.html")?.notes.contains("2 invalid UTF-8 sequences replaced with U+FFFD") == true)
        #expect(entry("deep.json")?.outcome == .error)
        #expect(entry("deep.json")?.error == "Fixtures/data/deep.json:1:513: cannot parse the JSON page: nesting deeper than 512 levels")
        #expect(entry("duplicates.json")?.notes == ["duplicate key 'a' at line 1, column 10: the last value is used"])
        func golden(_ path: String) throws -> GoldenFile {
            try GoldenFile.read(path: project.folder.path("Golden/\(path).json.new").path, displayPath: path)
        }
        #expect(try golden("pages/nul.html").normalized["title"] == "After the NUL")
        #expect(try golden("pages/invalid-utf8.html").normalized["title"] == "caf\u{FFFD}\u{FFFD}")
        #expect(try golden("pages/utf16.html").normalized["title"] == "Snö ☃")
        #expect(try golden("pages/cp1252.html").normalized["title"] == "Café €")
        #expect(try golden("pages/deep.html").normalized["title"] == "Deep")
        #expect(try golden("pages/long-attribute.html").normalized["link"]?.stringValue?.count == 10_000_000)
        #expect(try golden("pages/big.html").normalized["title"] == "Big")
        let numbers = try project.read("Golden/data/numbers.json.json.new")
        #expect(numbers.contains("\"a\": 1e+400") && numbers.contains("\"b\": 18446744073709551617"), "exact numbers")
        #expect(try golden("data/duplicates.json").normalized == ["a": 2, "b": .number(JSONNumber("0.1")!)])

        // A size limit, with a clear error above it.
        let limited = try project.run(["check", "--max-page-bytes", "10000000"])
        #expect(limited.status == 1)
        let bigEntry = try project.latestEntry("big.html")
        #expect(bigEntry.outcome == .error)
        #expect(bigEntry.error?.hasPrefix("Fixtures/pages/big.html is ") == true && bigEntry.error?.contains("above the limit of 10000000 bytes") == true)
    }

    static let badSpecs: [(String, String)] = [
        ("YAML syntax", "fields:\n  title: { css: h1\n  link: a\n"),
        ("unknown key", "fields:\n  title: { css: h1, requird: true }\n"),
        ("wrong type", "schema_version: \"two\"\nfields:\n  title: h1\n"),
        ("bad regex", "fields:\n  title: { css: h1, regex: \"([a-z\" }\n"),
        ("bad selector", "fields:\n  title: { css: \"h1 >> p\" }\n"),
        ("bad XPath", "fields:\n  title: { xpath: \"//h1[\" }\n"),
        ("bad pointer", "format: json\nfields:\n  title: { json: \"title~2\" }\n"),
        ("missing fields", "schema_version: 1\n"),
        ("migration above the current version", "schema_version: 2\nfields:\n  title: h1\nmigrations:\n  2: { drop: [\"/x\"] }\n"),
        ("bad date format", "fields:\n  day: { css: p, type: date, date_format: \"\" }\n"),
        ("unknown transform", "fields:\n  title: { css: h1, transforms: [uppercase] }\n"),
        ("unknown template field", "fields:\n  title: h1\nfinalize:\n  fields:\n    uid: { template: \"x-{titel}\" }\n"),
    ]

    @Test("bad specs: exit 2 with file:line:col, and nothing written", arguments: badSpecs.map(\.0))
    func badSpec(name: String) throws {
        let yaml = Self.badSpecs.first { $0.0 == name }!.1
        let project = try TestProject(source: "pages", spec: yaml, fixtures: ["a.html": "<h1>A</h1>"])
        defer { project.remove() }
        for arguments in [["check"], ["validate"]] {
            let run = try project.run(arguments)
            #expect(run.status == 2, "\(name): \(arguments[0]) exit \(run.status)")
            #expect(run.standardError.range(of: #"Fixtures/pages/spec\.yml:\d+:\d+: error: "#, options: .regularExpression) != nil,
                    "\(name): \(run.standardError)")
        }
        #expect(project.files(under: "Golden").isEmpty, "\(name): something was written under Golden/")
    }

    @Test("paths out of the project are refused: a fixture, a golden, a source linked outside")
    func pathsOutOfTheRoot() throws {
        let outside = try TemporaryDirectory("snapdrift-outside")
        defer { outside.cleanUp() }
        try outside.write("secret.html", "<h1>Secret</h1>")
        try outside.write("golden.json", "{}")
        let project = try TestProject(source: "pages", spec: Self.htmlSpec, fixtures: ["ok.html": "<h1>OK</h1>"])
        defer { project.remove() }
        try FileManager.default.createSymbolicLink(at: project.folder.path("Fixtures/pages/linked.html"), withDestinationURL: outside.path("secret.html"))
        try project.write("Fixtures/pages/golden-linked.html", "<h1>G</h1>")
        try FileManager.default.createDirectory(at: project.folder.path("Golden/pages"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: project.folder.path("Golden/pages/golden-linked.html.json"), withDestinationURL: outside.path("golden.json"))
        let run = try project.run(["check"])
        #expect(run.status == 1)
        #expect(try project.latestEntry("linked.html").error?.contains("leads outside the project") == true)
        #expect(try project.latestEntry("golden-linked.html").error?.contains("leads outside the project") == true)
        #expect(try project.latestEntry("ok.html").outcome == .new)
        #expect(try outside.read("golden.json") == "{}", "nothing written through the link")
        #expect(try project.run(["check", "--source", "../pages"]).status == 64, "a source is a folder name, not a path")

        try FileManager.default.createSymbolicLink(at: project.folder.path("Fixtures/elsewhere"), withDestinationURL: outside.url)
        try outside.write("spec.yml", Self.htmlSpec)
        let linkedSource = try project.run(["check"])
        #expect(linkedSource.status == 2)
        #expect(linkedSource.standardError.contains("Fixtures/elsewhere leads outside the project"))
    }

    @Test("libxml2 never touches the network or external entities")
    func noNetwork() throws {
        let server = try LocalHTTPServer()
        defer { server.stop() }
        server.route("/evil.dtd", .init(contentType: "application/xml-dtd", text: "<!ENTITY leak \"LEAKED\">"))
        let page = """
        <!DOCTYPE html SYSTEM "\(server.url("/evil.dtd"))" [<!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY % remote SYSTEM "\(server.url("/evil.dtd"))"> %remote;]>
        <html><head><link rel="stylesheet" href="\(server.url("/style.css"))"><script src="\(server.url("/app.js"))"></script></head>
        <body><h1>&xxe;&leak;Title</h1><img src="\(server.url("/pixel.gif"))"><a href="\(server.url("/next"))">next</a>
        <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="\(server.url("/include.xml"))"/></body></html>
        """
        let project = try TestProject(source: "pages", spec: Self.htmlSpec, fixtures: ["a.html": page])
        defer { project.remove() }
        try project.run(["check"])
        for path in ["/evil.dtd", "/style.css", "/app.js", "/pixel.gif", "/next", "/include.xml"] {
            #expect(server.requests(to: path) == 0, "\(path) was fetched")
        }
        let golden = try project.read("Golden/pages/a.html.json.new")
        #expect(!golden.contains("root:") && !golden.contains("LEAKED"), "no entity was expanded")
    }

    @Test("external normalizers that hang, crash or flood 1 GB: error outcomes, bounded time and memory")
    func misbehavingNormalizers() throws {
        let project = try TestProject(source: "hang", spec: "fixtures: \"*.txt\"\nnormalizer: { command: [sh, -c, \"sleep 600\"], timeout: 2 }\n",
                                      fixtures: ["a.txt": "a"])
        defer { project.remove() }
        try project.write("Fixtures/crash/spec.yml", "fixtures: \"*.txt\"\nnormalizer: { command: [sh, -c, \"kill -SEGV $$\"] }\n")
        try project.write("Fixtures/crash/a.txt", "a")
        try project.write("Fixtures/flood/spec.yml", "fixtures: \"*.txt\"\nnormalizer: { command: [sh, -c, \"head -c 1073741824 /dev/zero | tr '\\\\0' x\"] }\n")
        try project.write("Fixtures/flood/a.txt", "a")
        let started = Date()
        let run = try project.run(["check"])
        #expect(run.status == 1, "\(run.standardError)")
        #expect(Date().timeIntervalSince(started) < 120)
        let report = try project.latestReport()
        let errors = Dictionary(uniqueKeysWithValues: report.fixtures.map { ($0.source, $0.error ?? "") })
        #expect(report.fixtures.allSatisfy { $0.outcome == .error })
        #expect(errors["hang"] == "`sh -c sleep 600` did not finish within 2 s and was killed")
        #expect(errors["crash"] == "`sh -c kill -SEGV $$` was killed by signal 11")
        #expect(errors["flood"]?.hasSuffix("wrote more than 64 MiB to standard output; it was stopped") == true, "\(errors["flood"] ?? "")")
        // The output is read up to the limit and no further: the process stays far below 1 GB.
        let events = try String(contentsOf: project.latestRunFolder().appendingPathComponent("events.jsonl"), encoding: .utf8)
        let completed = try #require(events.split(separator: "\n").last.map { try JSONReader.value(String($0)) })
        let peak = try #require(completed["peak_rss_bytes"]?.numberValue?.intValue)
        #expect(peak > 0 && peak < 400 << 20, "peak RSS \(peak >> 20) MiB")
    }

    @Test("an external normalizer gets the fixture path as an argument, never through a shell")
    func noShell() throws {
        let project = try TestProject(source: "feed", spec: "fixtures: \"*.txt\"\nnormalizer:\n  command: [sh, echo-path.sh, \"{fixture}\"]\n", fixtures: [
            "$(touch PWNED).txt": "one", "a;touch PWNED2;b.txt": "two", "`touch PWNED3`.txt": "three",
        ])
        defer { project.remove() }
        try project.write("Fixtures/feed/echo-path.sh", "printf '{\"path\": \"%s\"}\\n' \"$(basename \"$1\")\"\n")
        let run = try project.run(["check"])
        #expect(run.status == 1, "\(run.standardOutput)\(run.standardError)")
        let report = try project.latestReport()
        #expect(report.fixtures.allSatisfy { $0.outcome == .new }, "\(report.fixtures.map { "\($0.fixture): \($0.error ?? "")" })")
        for marker in ["PWNED", "PWNED2", "PWNED3"] {
            #expect(!project.exists(marker) && !project.exists("Fixtures/feed/\(marker)") && !FileManager.default.fileExists(atPath: marker))
        }
        #expect(try project.read("Golden/feed/$(touch PWNED).txt.json.new").contains("\"path\": \"$(touch PWNED).txt\""))
    }
}
