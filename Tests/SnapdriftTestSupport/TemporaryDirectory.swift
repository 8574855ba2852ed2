import Foundation
import Testing

/// A fresh folder under the system's temporary folder, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    /// The folder.
    public let url: URL

    /// Creates a new empty folder named after `label`.
    public init(_ label: String = "snapdrift") throws {
        let name = "\(label)-\(UUID().uuidString.prefix(8))"
        url = FileManager.default.temporaryDirectory.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    public func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    /// Writes `text` to `relative`, creating folders on the way.
    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> URL {
        try write(relative, Data(text.utf8))
    }

    /// Writes `data` to `relative`, creating folders on the way.
    @discardableResult
    public func write(_ relative: String, _ data: Data) throws -> URL {
        let target = path(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
        return target
    }

    /// The text of `relative`.
    public func read(_ relative: String) throws -> String {
        try String(contentsOf: path(relative), encoding: .utf8)
    }

    /// Whether `relative` exists.
    public func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative).path)
    }

    /// Removes the folder and everything in it.
    public func remove() throws {
        try FileManager.default.removeItem(at: url)
    }

    /// Removes the folder at the end of a test; a failure to remove it is recorded as an issue
    /// of the test (it would leave files behind), not dropped.
    public func cleanUp() {
        do {
            try remove()
        } catch {
            Issue.record("cannot remove \(url.path): \(error)")
        }
    }
}
