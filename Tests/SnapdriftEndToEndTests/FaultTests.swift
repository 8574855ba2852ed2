import Foundation
import SnapdriftCore
import SnapdriftTestSupport
import Testing

/// Kills, read-only folders: a crash or a kill never leaves half a golden or half a report.
@Suite("Faults", .serialized)
struct FaultTests {
    static let count = 40

    static func page(_ index: Int, salary: Int) -> String {
        CheckWorkflowTests.listing((0..<12).map { ("\(index)-\($0)", "Job \(index).\($0) " + String(repeating: "senior ", count: $0 % 4), "£\(salary + $0 * 100)") })
    }

    /// All files under `folder`, relative, with their bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        for case let relative as String in enumerator?.allObjects ?? [] {
            let url = folder.appendingPathComponent(relative)
            if !FileIO.isFolder(url.path) { files[relative] = try Data(contentsOf: url) }
        }
        return files
    }

    @Test("SIGKILL at random moments of check and accept, 50 times: every golden and report is an old or a new complete version")
    func randomKills() throws {
        let fixtures = Dictionary(uniqueKeysWithValues: (0..<Self.count).map { ("page-\($0).html", Self.page($0, salary: 20_000)) })
        let project = try TestProject(spec: CheckWorkflowTests.spec, fixtures: fixtures)
        defer { project.remove() }
        try project.run(["check"])
        try project.run(["accept", "--all"])
        let old = try Self.snapshot(project.folder.path("Golden"))
        // The drifted pages, and what a complete run makes of them.
        for index in 0..<Self.count { try project.write("Fixtures/jobs/page-\(index).html", Self.page(index, salary: 25_000)) }
        try project.run(["check"])
        let pending = try Self.snapshot(project.folder.path("Golden")).filter { $0.key.hasSuffix(".new") }
        #expect(pending.count == Self.count)
        let new = Dictionary(uniqueKeysWithValues: pending.map { (String($0.key.dropLast(4)), $0.value) })
        // How long the two commands take, to kill them at any moment of their work.
        func restore() throws {
            let golden = project.folder.path("Golden")
            try FileManager.default.removeItem(at: golden)
            for (relative, data) in old { try project.folder.write("Golden/" + relative, data) }
        }
        try restore()
        var started = Date()
        try project.run(["check"])
        let checkDuration = Date().timeIntervalSince(started)
        started = Date()
        try project.run(["accept", "--all"])
        let acceptDuration = Date().timeIntervalSince(started)

        var leftovers = 0, killedMidway = 0
        for iteration in 0..<50 {
            try restore()
            let accept = iteration % 2 == 1
            if accept { try project.run(["check"]) }
            let process = Process()
            process.executableURL = SnapdriftProcess.executable
            process.arguments = accept ? ["accept", "--all"] : ["check", "--full"]
            process.currentDirectoryURL = project.root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double.random(in: 0...(accept ? acceptDuration : checkDuration)))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killedMidway += 1
            }
            process.waitUntilExit()

            let golden = try Self.snapshot(project.folder.path("Golden"))
            for (relative, data) in golden {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    // A temporary file an interrupted write left; the target is intact.
                    #expect(name.contains(".tmp-") || name == ".snapdrift-accept.json", "unexpected file \(relative)")
                    leftovers += 1
                } else if relative.hasSuffix(".json.new") {
                    #expect(data == new[String(relative.dropLast(4))], "iteration \(iteration): \(relative) is not the complete new version")
                } else {
                    #expect(data == old[relative] || data == new[relative], "iteration \(iteration): \(relative) is neither the old nor the new version")
                }
            }
            for index in 0..<Self.count {
                #expect(golden["jobs/page-\(index).html.json"] != nil, "iteration \(iteration): a golden disappeared")
            }
            for run in project.runFolders() {
                for name in ["report.json"] where FileManager.default.fileExists(atPath: run.appendingPathComponent(name).path) {
                    #expect(throws: Never.self, "iteration \(iteration): \(run.lastPathComponent)/\(name) is incomplete") {
                        try RunReport.read(path: run.appendingPathComponent(name).path)
                    }
                }
                let events = run.appendingPathComponent("events.jsonl")
                if FileManager.default.fileExists(atPath: events.path) {
                    let text = try String(contentsOf: events, encoding: .utf8)
                    for line in text.split(separator: "\n") {
                        #expect(throws: Never.self, "iteration \(iteration): a torn event line") { try JSONReader.value(String(line)) }
                    }
                }
            }
            if project.exists("reports/latest.json") {
                #expect(throws: Never.self, "iteration \(iteration): latest.json is incomplete") {
                    try RunReport.read(path: project.folder.path("reports/latest.json").path)
                }
            }
            // The next run finishes an interrupted accept and leaves a consistent project.
            if accept {
                try project.run(["accept", "--all"])
                #expect(!project.exists("Golden/.snapdrift-accept.json"))
                let after = try Self.snapshot(project.folder.path("Golden")).filter { !$0.key.hasPrefix(".") && !$0.key.contains("/.") }
                #expect(after.filter { $0.key.hasSuffix(".json") }.allSatisfy { new[$0.key] == $0.value }, "iteration \(iteration): accept did not finish")
            }
        }
        print("kill test: 50 runs, \(killedMidway) killed mid-way, \(leftovers) temporary files left (targets intact), 0 torn goldens or reports")
        #expect(killedMidway >= 25)
    }

    /// Runs `executable` in `folder` as the current user, or as `nobody` through setpriv when the current user is root
    /// (root writes anywhere, so the permission bits would mean nothing).
    static func runUnprivileged(_ executable: String, _ arguments: [String], in folder: URL) throws -> SnapdriftProcess.Outcome {
        try SnapdriftProcess.run(arguments, in: folder, program: URL(fileURLWithPath: executable),
                                 launcher: getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [])
    }

    @Test("a read-only Golden/ is a clear error and exit 2", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") || getuid() != 0,
                                                                      "running as root needs setpriv to drop to an unprivileged user"))
    func readOnlyGolden() throws {
        let project = try TestProject(spec: CheckWorkflowTests.spec, fixtures: ["a.html": CheckWorkflowTests.original])
        defer {
            chmod(project.folder.path("Golden").path, 0o755)
            project.remove()
        }
        // The unprivileged user must reach the project: let others search every folder above it.
        chmod(project.root.path, 0o777)
        var folder = project.root.deletingLastPathComponent()
        while folder.path != "/" {
            var status = stat()
            if stat(folder.path, &status) == 0, status.st_mode & 0o001 == 0 { chmod(folder.path, (status.st_mode & 0o7777) | 0o001) }
            folder.deleteLastPathComponent()
        }
        try FileManager.default.createDirectory(at: project.folder.path("reports"), withIntermediateDirectories: true)
        chmod(project.folder.path("reports").path, 0o777)
        chmod(project.folder.path("Golden").path, 0o555)
        let binary = try TemporaryDirectory("snapdrift-binary")
        defer { binary.cleanUp() }
        chmod(binary.url.path, 0o755)
        let copy = binary.path("snapdrift")
        try FileManager.default.copyItem(at: SnapdriftProcess.executable, to: copy)
        chmod(copy.path, 0o755)

        // Some sandboxes do not enforce permission bits (or cannot drop privileges); this test means nothing there.
        let whoami = try Self.runUnprivileged("/usr/bin/id", ["-u"], in: project.root)
        if getuid() == 0, whoami.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) != "65534" {
            try Test.cancel("cannot run as an unprivileged user here (id -u: \(whoami.standardOutput)\(whoami.standardError))")
        }
        let probe = try Self.runUnprivileged("/usr/bin/mkdir", ["Golden/probe"], in: project.root)
        if probe.status == 0 {
            try Test.cancel("this machine does not enforce permission bits: an unprivileged mkdir in a mode 555 folder succeeded")
        }

        let outcome = try Self.runUnprivileged(copy.path, ["check"], in: project.root)
        #expect(outcome.status == 2, "\(outcome.standardError)")
        #expect(outcome.standardError.hasPrefix("error: cannot create folder Golden/jobs: permission denied"), "\(outcome.standardError)")
        #expect(outcome.standardError.contains("is Golden/ writable?"))
    }

    @Test("a file where a golden folder should be is a clear error and exit 2, and the file is untouched")
    func fileInTheWay() throws {
        let project = try TestProject(spec: CheckWorkflowTests.spec, fixtures: ["a.html": CheckWorkflowTests.original])
        defer { project.remove() }
        let blocker = project.folder.path("Golden/jobs")
        try FileManager.default.createDirectory(at: project.folder.path("Golden"), withIntermediateDirectories: true)
        try Data("not a folder\n".utf8).write(to: blocker)
        let outcome = try project.run(["check"])
        #expect(outcome.status == 2, "\(outcome.standardError)")
        #expect(outcome.standardError == "error: cannot list Golden/jobs: it is a file, not a folder\nnote: Golden/jobs must be a folder that snapdrift can read and write\n",
                "\(outcome.standardError)")
        #expect(try Data(contentsOf: blocker) == Data("not a folder\n".utf8))
    }
}
