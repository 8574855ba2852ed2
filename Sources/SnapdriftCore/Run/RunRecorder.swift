import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A run's folder, `reports/runs/<run_id>/`, with its event log; writes the reports and
/// replaces `reports/latest.json` when the run ends. Two runs at once never share a folder.
public final class RunRecorder: Sendable {
    public let runID: String
    public let folder: String
    public let reportsFolder: String
    public let events: EventLog

    /// Creates a new run folder (a fresh random suffix if the id is taken).
    public init(reportsFolder: String, startedAt: Date) throws(SnapdriftError) {
        try FileIO.createFolder(reportsFolder + "/runs")
        var attempt = 0
        while true {
            let id = Timestamps.runID(startedAt)
            let path = reportsFolder + "/runs/" + id
            if mkdir(path, 0o755) == 0 {
                runID = id
                folder = path
                break
            }
            attempt += 1
            guard errno == EEXIST, attempt < 20 else {
                throw SnapdriftError(.io, "cannot create the run folder \(path): \(String(cString: strerror(errno)))")
            }
        }
        self.reportsFolder = reportsFolder
        events = try EventLog(path: folder + "/events.jsonl", runID: runID)
    }

    /// Writes every report of the run, then `latest.json`; each file atomically.
    public func finish(_ report: RunReport, githubStepSummary: String? = nil) throws(SnapdriftError) {
        try ReportWriter.writeAll(report, to: folder)
        try FileIO.writeAtomically(CanonicalJSON.bytes(report.json), to: reportsFolder + "/latest.json")
    }
}
