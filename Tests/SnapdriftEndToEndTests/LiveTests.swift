import Foundation
import SnapdriftCore
import SnapdriftTestSupport
import Testing

/// `check --live` and `capture` against a local HTTP server the test starts.
@Suite("Live pages")
struct LiveTests {
    static let spec = """
    fields:
      title: { css: h1, required: true }
      price: { css: .price, regex: "([0-9.]+)", type: number }
    """

    static func page(_ title: String, price: String = "12.50", charset: String = "utf-8") -> String {
        "<html><head><meta charset=\"\(charset)\"><title>\(title)</title></head><body><h1>\(title)</h1><p class=price>£\(price)</p></body></html>"
    }

    /// A project whose fixtures point at `server`, with accepted goldens.
    private func project(_ server: LocalHTTPServer, _ fixtures: [String: String?]) throws -> TestProject {
        var files: [String: String] = [:]
        for (name, path) in fixtures {
            files[name] = Self.page("Café crème")
            if let path { files[name + ".meta.json"] = #"{"url": "\#(server.url(path))", "content_type": "text/html; charset=utf-8"}"# }
        }
        let project = try TestProject(source: "pages", spec: Self.spec, fixtures: files)
        try project.run(["check"])
        #expect(try project.run(["accept", "--all"]).status == 0)
        return project
    }

    @Test("unchanged, changed, 429, timeout, redirect, retry after 503, non-UTF-8, captcha, wrong type, no URL")
    func liveCheck() throws {
        let server = try LocalHTTPServer()
        defer { server.stop() }
        let same = Self.page("Café crème")
        server.route("/same", .init(text: same))
        server.route("/changed", .init(text: Self.page("Café crème", price: "13.75")))
        server.route("/limited", .init(status: 429, headers: [("Content-Type", "text/html"), ("Retry-After", "120")], body: Array("slow down".utf8)))
        server.route("/slow", .init(text: same, delay: 5))
        server.route("/moved", .init(status: 301, headers: [("Location", "/same")], body: []))
        server.route("/flaky", sequence: [.init(status: 503, text: "busy"), .init(text: same)])
        var latin1 = Array(Self.page("Caf", charset: "windows-1252").utf8)
        latin1.replaceSubrange(latin1.firstRange(of: Array("<h1>Caf".utf8))!.upperBound..<latin1.firstRange(of: Array("<h1>Caf".utf8))!.upperBound,
                               with: [0xE9, 0x20, 0x63, 0x72, 0xE8, 0x6D, 0x65])
        server.route("/latin", .init(headers: [("Content-Type", "text/html; charset=windows-1252")], body: latin1))
        server.route("/captcha", .init(text: "<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>"))
        server.route("/pdf", .init(headers: [("Content-Type", "application/pdf")], body: Array("%PDF-1.4".utf8)))

        let project = try project(server, [
            "same.html": "/same", "changed.html": "/changed", "limited.html": "/limited", "slow.html": "/slow",
            "moved.html": "/moved", "flaky.html": "/flaky", "latin.html": "/latin", "captcha.html": "/captcha",
            "pdf.html": "/pdf", "nourl.html": nil,
        ])
        defer { project.remove() }
        let goldens = project.files(under: "Golden")
        let started = Date()
        let run = try project.run(["check", "--live", "--fetch-timeout", "1", "--fetch-retries", "1", "--host-delay", "0", "--per-host", "4",
                                   "--user-agent", "snapdrift-test/1 (+ci)"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(run.status == 1)
        #expect(elapsed < 60, "the run finishes within its time bounds (\(elapsed) s)")
        let report = try project.latestReport()
        let outcomes = Dictionary(uniqueKeysWithValues: report.fixtures.map { ($0.fixture, $0.outcome) })
        #expect(outcomes == ["same.html": .match, "changed.html": .drift, "limited.html": .error, "slow.html": .error,
                             "moved.html": .match, "flaky.html": .match, "latin.html": .match, "captcha.html": .error, "pdf.html": .error])
        let changed = try project.latestEntry("changed.html")
        #expect(changed.attribution == "upstream-live")
        #expect(changed.changes.map(\.summary) == ["changed /price: 12.5 → 13.75"])
        #expect(try project.latestEntry("limited.html").error?.contains("blocked: \(server.url("/limited")) answered HTTP 429") == true)
        #expect(try project.latestEntry("limited.html").error?.contains("Retry-After: 120") == true)
        #expect(try project.latestEntry("slow.html").error?.contains("timed out after 1 s (2 attempts)") == true)
        #expect(try project.latestEntry("captcha.html").error?.contains("blocked") == true)
        #expect(try project.latestEntry("pdf.html").error?.contains("blocked: expected HTML") == true)
        #expect(server.requests(to: "/flaky") == 2, "one retry after the 503")
        #expect(server.requests(to: "/limited") == 1, "a 429 is not retried")
        #expect(report.skipped == [SkippedFixture(source: "pages", fixture: "nourl.html", reason: "it has no sidecar with a url")])
        #expect(run.standardOutput.contains("SKIPPED     Fixtures/pages/nourl.html"))
        #expect(server.receivedUserAgents.allSatisfy { $0 == "snapdrift-test/1 (+ci)" })
        #expect(project.files(under: "Golden") == goldens, "a live check writes no pending golden")
    }

    @Test("capture → review/accept replaces page, sidecar and golden together; reject leaves both untouched")
    func captureAndAccept() throws {
        let server = try LocalHTTPServer()
        defer { server.stop() }
        server.route("/a", .init(text: Self.page("Café crème", price: "14.00")))
        server.route("/b", .init(text: Self.page("Café crème")))
        let project = try project(server, ["a.html": "/a", "b.html": "/b"])
        defer { project.remove() }
        let page = try project.read("Fixtures/pages/a.html")
        let golden = try project.read("Golden/pages/a.html.json")

        let capture = try project.run(["capture"])
        #expect(capture.status == 0, "\(capture.standardError)")
        #expect(capture.standardOutput.contains("captured Fixtures/pages/a.html.new (1 change to the records)"))
        #expect(capture.standardOutput.contains("unchanged Fixtures/pages/b.html"))
        #expect(project.exists("Fixtures/pages/a.html.new") && project.exists("Fixtures/pages/a.html.meta.json.new") && project.exists("Golden/pages/a.html.json.new"))
        #expect(!project.exists("Fixtures/pages/b.html.new"))

        #expect(try project.run(["reject", "--all"]).status == 0)
        #expect(try project.read("Fixtures/pages/a.html") == page)
        #expect(try project.read("Golden/pages/a.html.json") == golden)
        #expect(!project.exists("Fixtures/pages/a.html.new") && !project.exists("Golden/pages/a.html.json.new"))

        try project.run(["capture", "--fixture", "a.*"])
        let accept = try project.run(["accept", "--source", "pages"])
        #expect(accept.standardOutput == "accepted Fixtures/pages/a.html (new capture)\naccepted Golden/pages/a.html.json\n")
        #expect(try project.read("Fixtures/pages/a.html").contains("£14.00"))
        #expect(try project.read("Fixtures/pages/a.html.meta.json").contains("\"captured_at\""))
        #expect(try project.read("Golden/pages/a.html.json").contains("\"price\": 14"))
        let check = try project.run(["check"])
        #expect(check.status == 0, "page and golden moved together: \(check.standardOutput)")
    }

    @Test("an accept interrupted between its renames is finished by the next run")
    func journalRecovery() throws {
        let project = try TestProject(source: "pages", spec: Self.spec, fixtures: ["a.html": Self.page("Old")])
        defer { project.remove() }
        try project.run(["check"])
        try project.run(["accept", "--all"])
        // As a killed accept leaves it: the journal written, the page renamed, the golden not yet.
        try project.write("Golden/pages/a.html.json.new", try project.read("Golden/pages/a.html.json").replacingOccurrences(of: "Old", with: "New"))
        try project.write("Fixtures/pages/a.html", Self.page("New"))
        try project.write("Golden/.snapdrift-accept.json", #"{"renames": [["Fixtures/pages/a.html.new", "Fixtures/pages/a.html"], ["Golden/pages/a.html.json.new", "Golden/pages/a.html.json"]]}"#)
        let run = try project.run(["check"])
        #expect(!project.exists("Golden/.snapdrift-accept.json"), "the journal is finished and removed")
        #expect(!project.exists("Golden/pages/a.html.json.new"))
        #expect(try project.read("Golden/pages/a.html.json").contains("New"))
        // The new page and the new golden agree (the golden's hash is the hand-made one's, hence the note).
        #expect(run.status == 0)
        let entry = try project.latestEntry("a.html")
        #expect(entry.outcome == .match)
        #expect(entry.notes.contains { $0.hasPrefix("the golden is out of date") })
    }
}
