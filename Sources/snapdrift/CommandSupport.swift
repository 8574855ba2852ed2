import ArgumentParser
import Foundation
import SnapdriftCore

/// Runs a command body, turning a library error into its message on stderr and exit code 2
/// (64 for usage errors), as DESIGN §6 defines them.
func runCommand(_ body: () async throws -> Int32) async throws {
    let status: Int32
    do {
        status = try await body()
    } catch let error as SnapdriftError {
        Terminal.standardError(error.description + "\n")
        throw ExitCode(error.code == .usage ? 64 : 2)
    }
    if status != 0 { throw ExitCode(status) }
}

/// Writes to the standard streams without buffering surprises.
enum Terminal {
    /// Colours on stdout: only on a terminal, and never with NO_COLOR set (no-color.org).
    static var colorsEnabled: Bool {
        ProcessInfo.processInfo.environment["NO_COLOR"].map { $0.isEmpty } ?? true && isatty(1) != 0
    }

    static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
