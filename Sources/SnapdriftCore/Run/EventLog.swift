import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `events.jsonl`: one JSON object per line, each written with a single `write` on a file
/// opened for appending, so a kill leaves whole lines only.
public final class EventLog: @unchecked Sendable {
    public let runID: String
    private let descriptor: Int32
    private let lock = NSLock()

    /// Opens (creating) the log at `path`.
    public init(path: String, runID: String) throws(SnapdriftError) {
        self.runID = runID
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SnapdriftError(.io, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        close(descriptor)
    }

    /// Appends `{ts, run_id, event, …fields}`.
    public func record(_ event: String, _ fields: JSONObject = [:]) {
        var object = fields
        object["ts"] = .string(Timestamps.precise(Date()))
        object["run_id"] = .string(runID)
        object["event"] = .string(event)
        let line = Array((CanonicalJSON.compact(.object(object)) + "\n").utf8)
        lock.withLock {
            line.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        // The log is the last place to report a failure; stderr is the next.
                        FileHandle.standardError.write(Data("snapdrift: cannot append to events.jsonl: \(String(cString: strerror(errno)))\n".utf8))
                        return
                    }
                    offset += written
                }
            }
        }
    }
}

/// Timestamps as reports write them: UTC, ISO 8601.
public enum Timestamps {
    private static let lock = NSLock()
    nonisolated(unsafe) private static let seconds: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }()
    nonisolated(unsafe) private static let milliseconds: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    /// `2026-11-22T05:15:00Z`.
    public static func string(_ date: Date) -> String { lock.withLock { seconds.string(from: date) } }
    /// `2026-11-22T05:15:00.123Z`.
    public static func precise(_ date: Date) -> String { lock.withLock { milliseconds.string(from: date) } }
    public static func date(_ text: String) -> Date? { lock.withLock { seconds.date(from: text) ?? milliseconds.date(from: text) } }

    /// A run id: the UTC start time and a short random suffix, `20261122T051500Z-3f9a1c`.
    public static func runID(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let stamp = String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
        return stamp + "-" + String(format: "%06x", UInt32.random(in: 0..<0x100_0000))
    }
}

/// Masks values whose key names look secret (DESIGN §7): names containing SECRET, PASSWORD,
/// TOKEN or CREDENTIAL, or with KEY as a word segment (`API_KEY`, `apiKey`, not `KEYCLOAK_URL`).
public enum SecretMasking {
    public static let placeholder: JSONValue = "[masked]"

    public static func isSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        if ["SECRET", "PASSWORD", "TOKEN", "CREDENTIAL"].contains(where: { upper.contains($0) }) { return true }
        return segments(of: name).contains { $0.uppercased() == "KEY" }
    }

    /// Word segments of a name: split at non-alphanumerics and at lower-to-upper case steps.
    static func segments(of name: String) -> [String] {
        var segments: [String] = []
        var current = ""
        var previousWasLower = false
        for character in name {
            if !character.isLetter && !character.isNumber {
                if !current.isEmpty { segments.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            if character.isUppercase, previousWasLower {
                segments.append(current)
                current = ""
            }
            current.append(character)
            previousWasLower = character.isLowercase || character.isNumber
        }
        if !current.isEmpty { segments.append(current) }
        return segments
    }

    /// `value` with every member under a secret-looking name masked.
    public static func mask(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var result = JSONObject()
            for (key, member) in object { result[key] = isSecret(key) ? placeholder : mask(member) }
            return .object(result)
        case .array(let items):
            return .array(items.map(mask))
        default:
            return value
        }
    }
}
