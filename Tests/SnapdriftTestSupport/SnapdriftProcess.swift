import Foundation

/// Runs the built `snapdrift` binary, as a user would, and collects what it did.
public struct SnapdriftProcess {
    /// What one run produced.
    public struct Outcome: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String

        public init(status: Int32, standardOutput: String, standardError: String) {
            self.status = status
            self.standardOutput = standardOutput
            self.standardError = standardError
        }
    }

    /// The `snapdrift` executable next to the test bundle (`swift test` builds it, because the
    /// end-to-end tests depend on the executable target).
    public static var executable: URL {
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder = folder.deletingLastPathComponent() }
        let candidate = folder.appendingPathComponent("snapdrift")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return SharedMaterial.repositoryRoot.appendingPathComponent(".build/debug/snapdrift")
    }

    /// Runs `snapdrift arguments…` (or `program arguments…`) in `directory` with `environment`
    /// added to a clean environment (no CI or GitHub variables leak in from the machine running
    /// the tests). A `launcher` (`["/usr/bin/setpriv", …]`) starts the program through it.
    public static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:],
                           input: String? = nil, timeout: TimeInterval = 120,
                           program: URL? = nil, launcher: [String] = []) throws -> Outcome {
        let process = Process()
        let target = program ?? executable
        if let first = launcher.first {
            process.executableURL = URL(fileURLWithPath: first)
            process.arguments = Array(launcher.dropFirst()) + [target.path] + arguments
        } else {
            process.executableURL = target
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        var base = ProcessInfo.processInfo.environment.filter { key, _ in
            !key.hasPrefix("GITHUB_") && key != "CI" && key != "NO_COLOR"
        }
        base.merge(environment) { _, new in new }
        process.environment = base
        let output = Pipe()
        let error = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        let collected = Collected()
        output.fileHandleForReading.readabilityHandler = { handle in collected.appendOutput(handle.availableData) }
        error.fileHandleForReading.readabilityHandler = { handle in collected.appendError(handle.availableData) }
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw ProcessTimeout(arguments: arguments, seconds: timeout)
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        error.fileHandleForReading.readabilityHandler = nil
        collected.appendOutput(output.fileHandleForReading.readDataToEndOfFile())
        collected.appendError(error.fileHandleForReading.readDataToEndOfFile())
        return Outcome(status: process.terminationStatus, standardOutput: collected.output, standardError: collected.error)
    }
}

/// A run that did not finish in time.
public struct ProcessTimeout: Error, CustomStringConvertible {
    public var arguments: [String]
    public var seconds: TimeInterval
    public var description: String { "snapdrift \(arguments.joined(separator: " ")) did not finish in \(seconds) s" }
}

private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var outputData = Data()
    private var errorData = Data()

    func appendOutput(_ data: Data) { lock.withLock { outputData.append(data) } }
    func appendError(_ data: Data) { lock.withLock { errorData.append(data) } }
    var output: String { lock.withLock { String(decoding: outputData, as: UTF8.self) } }
    var error: String { lock.withLock { String(decoding: errorData, as: UTF8.self) } }
}

extension SnapdriftProcess {
    /// Runs `snapdrift arguments…` inside a pseudo-terminal (util-linux `script`), typing
    /// `keys` one at a time after `delay` seconds each; returns what the terminal showed.
    public static func runInTerminal(_ arguments: [String], in directory: URL, keys: [String], delay: TimeInterval = 0.7) throws -> Outcome {
        let quoted = ([executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", quoted, "/dev/null"]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        for key in keys {
            Thread.sleep(forTimeInterval: delay)
            input.fileHandleForWriting.write(Data(key.utf8))
        }
        Thread.sleep(forTimeInterval: delay)
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, standardOutput: String(decoding: data, as: UTF8.self), standardError: "")
    }
}
