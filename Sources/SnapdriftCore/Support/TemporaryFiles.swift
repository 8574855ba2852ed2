import Foundation

/// Temporary files a killed run left behind (`.name.tmp-xxxx`, from an atomic write that
/// never reached its rename). The targets are intact; the leftovers are removed, each one
/// logged, once they are old enough not to belong to a run still going.
enum TemporaryFiles {
    static let minimumAge: TimeInterval = 3600

    static func sweep(_ folder: String, events: EventLog) throws(SnapdriftError) {
        guard FileIO.isFolder(folder) else { return }
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return }
        let cutoff = Date().addingTimeInterval(-minimumAge)
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard name.hasPrefix("."), name.contains(".tmp-") else { continue }
            let path = folder + "/" + relative
            let modified: Date
            do {
                modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date ?? Date()
            } catch {
                events.record("run_warning", ["message": .string("cannot inspect the leftover \(path): \(error.localizedDescription)")])
                continue
            }
            guard modified < cutoff else { continue }
            try FileIO.remove(path)
            events.record("run_warning", ["message": .string("removed \(path), left by an interrupted write")])
        }
    }
}
