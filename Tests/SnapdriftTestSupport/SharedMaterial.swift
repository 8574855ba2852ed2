import Foundation
import Testing

/// The corpus and conformance suites in `../shared`, next to the repository. A fresh clone
/// has no `../shared`: tests that read it are disabled with `SharedMaterial.skipMessage`.
public enum SharedMaterial {
    /// The repository's root folder (this file is `Tests/SnapdriftTestSupport/SharedMaterial.swift`).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared`, resolved.
    public static let root: URL = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// Whether `../shared` is present.
    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("conformance").path)
    }


    /// A file or folder inside `../shared`.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// The bytes of a file inside `../shared`.
    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relativePath)))
    }

    /// A JSON file inside `../shared`, read with Foundation (the suites' own index files).
    public static func json(_ relativePath: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url(relativePath)), options: [.fragmentsAllowed])
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only where `../shared` is present, and says why it was skipped otherwise.
    public static var requiresShared: Self {
        .enabled(if: SharedMaterial.isAvailable, "../shared (real corpus and conformance suites) is absent; skipped")
    }
}
