import Foundation

/// The 1,110 real recipe pages of `../shared/corpus/recipes-pages.tar.xz`, unpacked once per
/// machine into the temporary folder (never into the repository).
public enum RecipeCorpus {
    private static let lock = NSLock()

    /// The unpacked `recipes/` folder; unpacks on first use (about 5 s).
    public static func folder() throws -> URL {
        try lock.withLock {
            let archive = SharedMaterial.url("corpus/recipes-pages.tar.xz")
            let size = (try FileManager.default.attributesOfItem(atPath: archive.path)[.size] as? NSNumber)?.intValue ?? 0
            let target = FileManager.default.temporaryDirectory.appendingPathComponent("snapdrift-recipes-\(size)")
            let recipes = target.appendingPathComponent("recipes")
            if FileManager.default.fileExists(atPath: target.appendingPathComponent(".complete").path) { return recipes }
            let staging = FileManager.default.temporaryDirectory.appendingPathComponent("snapdrift-recipes-staging-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            let tar = Process()
            tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            tar.arguments = ["tar", "-xJf", archive.path, "-C", staging.path]
            try tar.run()
            tar.waitUntilExit()
            guard tar.terminationStatus == 0 else { throw CorpusError.unpackFailed(tar.terminationStatus) }
            try Data().write(to: staging.appendingPathComponent(".complete"))
            do {
                try FileManager.default.moveItem(at: staging, to: target)
            } catch {
                // Another process unpacked it first; use theirs.
                try FileManager.default.removeItem(at: staging)
            }
            return recipes
        }
    }

    /// Every page, as paths relative to `recipes/`, sorted.
    public static func pages() throws -> [String] {
        let root = try folder()
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        return (enumerator?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".html") }.sorted()
    }

    enum CorpusError: Error { case unpackFailed(Int32) }
}
