import Foundation
import SnapdriftCore
import SnapdriftTestSupport
import Testing

/// A normalizer that is a program: normal run, stdin, timeout, non-zero exit, garbage, flood.
@Suite("External normalizer")
struct ExternalNormalizerTests {
    let folder = SharedMaterial.repositoryRoot.appendingPathComponent("Tests/Fixtures/normalizers").path
    let page = Array("<html><body><h1>Clerk</h1></body></html>".utf8)

    private func run(_ command: [String], timeout: Double = 10, outputLimit: Int? = nil, in directory: String? = nil) async throws(SnapdriftError) -> NormalizationResult {
        var normalizer = ExternalNormalizer(config: ExternalNormalizerConfig(command: command, timeout: timeout, workingDirectory: folder))
        if let outputLimit { normalizer.outputLimit = outputLimit }
        let pageFolder: String
        if let directory { pageFolder = directory } else { pageFolder = try TemporaryDirectoryPath.make() }
        let directory = pageFolder
        let fixture = directory + "/page.html"
        try FileIO.writeAtomically(page, to: fixture)
        return try await normalizer.normalize(fixturePath: fixture)
    }

    @Test("{fixture} in the command: the script reads the file and writes both stages")
    func normalRun() async throws {
        let result = try await run(["sh", "title.sh", "{fixture}"])
        #expect(result.normalized == ["title": "Clerk"])
        #expect(result.finalized == ["title": "Clerk", "source": "script"])
        #expect(result.provenance == ["@normalizer": ["rule": "command:sh title.sh {fixture}", "matches": 1]])
    }

    @Test("without {fixture}, the page goes to standard input; one record means finalized = normalized")
    func standardInput() async throws {
        let result = try await run(["sh", "title.sh"])
        #expect(result.normalized == ["title": "Clerk"])
        #expect(result.finalized == result.normalized)
    }

    @Test("a command that hangs is killed at its timeout, with everything it started")
    func timeout() async throws {
        let started = Date()
        let directory = try TemporaryDirectoryPath.make()
        await #expect {
            try await run(["sh", "hang.sh", "{fixture}"], timeout: 1, in: directory)
        } throws: { error in
            (error as? SnapdriftError)?.message == "`sh hang.sh {fixture}` did not finish within 1 s and was killed"
        }
        // Bounded, not exact: with the whole suite running, other tests' blocking waits share
        // the two cooperative threads, and the 1 s timeout can fire late.
        #expect(Date().timeIntervalSince(started) < 60)
        // The child it started is gone too (or a zombie waiting for init).
        let pid = try String(contentsOfFile: directory + "/child.pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try await Task.sleep(for: .milliseconds(300))
        let stat: String?
        do {
            stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        } catch {
            stat = nil  // no /proc entry: the process is gone, which is what the test wants
        }
        #expect(stat == nil || stat!.split(separator: " ")[2] == "Z", "child \(pid) still running: \(stat ?? "")")
    }

    @Test("a non-zero exit is an error with the tail of stderr")
    func nonZeroExit() async throws {
        await #expect {
            try await run(["sh", "fail.sh"])
        } throws: { error in
            let error = error as! SnapdriftError
            return error.message == "`sh fail.sh` exited with status 3" && error.notes == ["stderr: starting\nTraceback: KeyError: 'title'"]
        }
    }

    @Test("invalid JSON on stdout is an error with line and column")
    func garbage() async throws {
        await #expect {
            try await run(["sh", "garbage.sh"])
        } throws: { error in
            (error as! SnapdriftError).message == "`sh garbage.sh` wrote invalid JSON: line 1, column 24: control character U+000A in a string (escape it as \\u000A)"
        }
    }

    @Test("a flood of output is stopped at the limit, in bounded time")
    func flood() async throws {
        let started = Date()
        await #expect {
            try await run(["sh", "flood.sh"], outputLimit: 1 << 20)
        } throws: { error in
            (error as! SnapdriftError).message == "`sh flood.sh` wrote more than 1 MiB to standard output; it was stopped"
        }
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test("a program that does not exist")
    func missingProgram() async throws {
        await #expect {
            try await run(["no-such-normalizer-program"])
        } throws: { error in
            (error as! SnapdriftError).message == "cannot run `no-such-normalizer-program`: 'no-such-normalizer-program' was not found"
        }
    }
}

/// A fresh temporary folder path, for tests that need files but not cleanup.
enum TemporaryDirectoryPath {
    static func make() throws(SnapdriftError) -> String {
        let path = NSTemporaryDirectory() + "/snapdrift-test-" + UUID().uuidString
        try FileIO.createFolder(path)
        return path
    }
}
