import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs a spec's `normalizer.command` — a program in any language — on a page.
///
/// The command runs without a shell, in the spec's folder, in a session of its own so that
/// a timeout kills it and everything it started. `{fixture}` in an argument is replaced by
/// the page's path; without it, the page is written to the command's standard input. Its
/// standard output must be strict JSON: `{"normalized": …, "finalized": …}`, or one record
/// (then finalized = normalized).
public struct ExternalNormalizer: Sendable {
    public let config: ExternalNormalizerConfig
    /// The most standard output a command may write.
    public var outputLimit = 64 * 1024 * 1024

    public init(config: ExternalNormalizerConfig) {
        self.config = config
    }

    /// Runs the command on the page at `fixturePath`.
    public func normalize(fixturePath: String) async throws(SnapdriftError) -> NormalizationResult {
        let usesPlaceholder = config.command.contains { $0.contains("{fixture}") }
        let absoluteFixture = URL(fileURLWithPath: fixturePath).standardizedFileURL.path
        let arguments = config.command.dropFirst().map { $0.replacingOccurrences(of: "{fixture}", with: absoluteFixture) }
        let program = config.command[0]
        let executable: Executable = program.contains("/")
            ? .path(FilePath(URL(fileURLWithPath: program, relativeTo: URL(fileURLWithPath: config.workingDirectory + "/")).standardizedFileURL.path))
            : .name(program)
        let shown = config.command.joined(separator: " ")

        var platformOptions = PlatformOptions()
        platformOptions.createSession = true
        platformOptions.teardownSequence = [.send(signal: .terminate, toProcessGroup: true, allowedDurationToNextStep: .milliseconds(200))]
        let options = platformOptions
        let errorLog = try StandardErrorLog()
        defer { errorLog.close() }
        // The page reaches standard input straight from its file: no pipe to write, so a
        // command that never reads it cannot block us or break the pipe.
        let inputDescriptor: FileDescriptor?
        if usesPlaceholder {
            inputDescriptor = nil
        } else {
            let raw = open(absoluteFixture, O_RDONLY | O_CLOEXEC)
            guard raw >= 0 else { throw SnapdriftError(.io, "cannot open \(fixturePath): \(String(cString: strerror(errno)))") }
            inputDescriptor = FileDescriptor(rawValue: raw)
        }
        defer { if let inputDescriptor { _ = Glibc.close(inputDescriptor.rawValue) } }
        let limit = outputLimit
        let timeout = config.timeout
        let workingDirectory = FilePath(config.workingDirectory)

        enum Outcome: Sendable {
            case finished(TerminationStatus, [UInt8])
            case timedOut
        }
        let outcome: Outcome
        do {
            outcome = try await withThrowingTaskGroup(of: Outcome.self) { group in
                group.addTask {
                    if let inputDescriptor {
                        let result = try await Subprocess.run(
                            executable, arguments: Arguments(arguments), environment: .inherit,
                            workingDirectory: workingDirectory, platformOptions: options,
                            input: .fileDescriptor(inputDescriptor, closeAfterSpawningProcess: false), output: .bytes(limit: limit),
                            error: .fileDescriptor(errorLog.descriptor, closeAfterSpawningProcess: false))
                        return .finished(result.terminationStatus, result.standardOutput)
                    }
                    let result = try await Subprocess.run(
                        executable, arguments: Arguments(arguments), environment: .inherit,
                        workingDirectory: workingDirectory, platformOptions: options,
                        input: .none, output: .bytes(limit: limit),
                        error: .fileDescriptor(errorLog.descriptor, closeAfterSpawningProcess: false))
                    return .finished(result.terminationStatus, result.standardOutput)
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(timeout))
                    return .timedOut
                }
                let first = try await group.next()!
                group.cancelAll()
                return first
            }
        } catch let error as SubprocessError {
            if error.code == .outputLimitExceeded {
                throw SnapdriftError(.normalizerFailed, "`\(shown)` wrote more than \(limit / 1_048_576) MiB to standard output; it was stopped", underlying: error)
            }
            if error.code == .executableNotFound {
                throw SnapdriftError(.normalizerFailed, "cannot run `\(shown)`: '\(program)' was not found", underlying: error)
            }
            throw SnapdriftError(.normalizerFailed, "cannot run `\(shown)`: \(error)", underlying: error)
        } catch {
            throw SnapdriftError(.normalizerFailed, "`\(shown)` failed: \(error)", underlying: error)
        }

        switch outcome {
        case .timedOut:
            throw SnapdriftError(.normalizerFailed, "`\(shown)` did not finish within \(Self.seconds(timeout)) and was killed")
        case .finished(let status, let output):
            switch status {
            case .exited(0):
                break
            case .exited(let code):
                throw SnapdriftError(.normalizerFailed, "`\(shown)` exited with status \(code)", notes: errorLog.tail().map { ["stderr: " + $0] } ?? [])
            case .signaled(let signal):
                throw SnapdriftError(.normalizerFailed, "`\(shown)` was killed by signal \(signal)", notes: errorLog.tail().map { ["stderr: " + $0] } ?? [])
            }
            return try Self.result(fromOutput: output, command: shown)
        }
    }

    /// Reads the command's output: `{"normalized", "finalized"}` or one record.
    static func result(fromOutput output: [UInt8], command: String) throws(SnapdriftError) -> NormalizationResult {
        let value: JSONValue
        do {
            value = try JSONReader.read(output).value
        } catch {
            let position = error.location.map { "line \($0.line ?? 0), column \($0.column ?? 0): " } ?? ""
            throw SnapdriftError(.normalizerFailed, "`\(command)` wrote invalid JSON: \(position)\(error.message)")
        }
        let provenance: JSONValue = ["@normalizer": ["rule": .string("command:\(command)"), "matches": 1]]
        if let object = value.objectValue, let normalized = object["normalized"], object.keys.allSatisfy({ $0 == "normalized" || $0 == "finalized" }) {
            return NormalizationResult(normalized: normalized, finalized: object["finalized"] ?? normalized, provenance: provenance)
        }
        return NormalizationResult(normalized: value, finalized: value, provenance: provenance)
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}

/// Standard error of a command, kept in an unlinked temporary file so that a chatty command
/// neither blocks nor fills memory; only the tail is read.
private final class StandardErrorLog: Sendable {
    let descriptor: FileDescriptor

    init() throws(SnapdriftError) {
        var template = Array((NSTemporaryDirectory() + "/snapdrift-stderr-XXXXXX").utf8CString)
        let raw = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard raw >= 0 else { throw SnapdriftError(.io, "cannot create a temporary file: \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        descriptor = FileDescriptor(rawValue: raw)
    }

    /// The last line or so the command wrote, trimmed.
    func tail() -> String? {
        let size = lseek(descriptor.rawValue, 0, SEEK_END)
        guard size > 0 else { return nil }
        let count = Int(min(size, 600))
        var buffer = [UInt8](repeating: 0, count: count)
        let read = buffer.withUnsafeMutableBytes { pread(descriptor.rawValue, $0.baseAddress, count, off_t(size) - off_t(count)) }
        guard read > 0 else { return nil }
        let text = String(decoding: buffer.prefix(read), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : (size > 600 ? "…" + text : text)
    }

    func close() {
        _ = Glibc.close(descriptor.rawValue)
    }
}
