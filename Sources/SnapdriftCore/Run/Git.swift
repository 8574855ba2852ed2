import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// The little of git that `--against` needs, run through swift-subprocess.
enum Git {
    /// The bytes of `file` (in `folder`) at `reference`; nil when the file does not exist there.
    static func show(reference: String, file: String, in folder: String) async throws(SnapdriftError) -> [UInt8]? {
        let (status, output, error) = try await run(["show", "\(reference):./\(file)"], in: folder)
        if status == 0 { return output }
        if error.contains("does not exist") || error.contains("exists on disk, but not in") { return nil }
        throw SnapdriftError(.git, "git show \(reference):\(file) failed: \(error.trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    /// Fails unless `reference` names a commit of the repository holding `folder`.
    static func verify(reference: String, in folder: String) async throws(SnapdriftError) {
        let (status, _, error) = try await run(["rev-parse", "--verify", "--quiet", "\(reference)^{commit}"], in: folder)
        guard status == 0 else {
            let detail = error.trimmingCharacters(in: .whitespacesAndNewlines)
            throw SnapdriftError(.git, "--against \(reference): not a commit of the repository at \(folder)\(detail.isEmpty ? "" : " (\(detail))")")
        }
    }

    private static func run(_ arguments: [String], in folder: String) async throws(SnapdriftError) -> (Int32, [UInt8], String) {
        do {
            let result = try await Subprocess.run(.name("git"), arguments: Arguments(arguments), workingDirectory: FilePath(folder),
                                                  output: .bytes(limit: 512 * 1024 * 1024), error: .string(limit: 1024 * 1024))
            let status: Int32
            switch result.terminationStatus {
            case .exited(let code): status = code
            case .signaled(let signal): status = 128 + signal
            }
            return (status, result.standardOutput, result.standardError)
        } catch {
            throw SnapdriftError(.git, "cannot run git: \(error)", underlying: error)
        }
    }
}
