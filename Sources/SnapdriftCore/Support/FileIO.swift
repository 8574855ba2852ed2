import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File reading and crash-safe writing.
public enum FileIO {
    /// The bytes of the file at `path`.
    public static func read(_ path: String) throws(SnapdriftError) -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw SnapdriftError(.io, "cannot read \(path): \(reason(error))", underlying: error)
        }
    }

    /// Whether a regular file or folder exists at `path`.
    public static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Writes `bytes` to `path` so that a crash or a kill leaves either the old file or the
    /// new one, never half of it: a temporary file in the same folder, flushed to disk, then
    /// renamed over the target.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(SnapdriftError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-" + String(UInt32.random(in: .min ... .max), radix: 16)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SnapdriftError(.io, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        var offset = 0
        let failed: Int32? = bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return fsync(descriptor) == 0 ? nil : errno
        }
        close(descriptor)
        if let failed {
            unlink(temporary)
            throw SnapdriftError(.io, "cannot write \(path): \(String(cString: strerror(failed)))")
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw SnapdriftError(.io, "cannot replace \(path): \(String(cString: strerror(code)))")
        }
    }

    /// Writes text atomically (see `writeAtomically(_:to:)`).
    public static func writeAtomically(_ text: String, to path: String) throws(SnapdriftError) {
        try writeAtomically(Array(text.utf8), to: path)
    }

    /// Creates `path` and its parents.
    public static func createFolder(_ path: String) throws(SnapdriftError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw SnapdriftError(.io, "cannot create folder \(path): \(reason(error))", underlying: error)
        }
    }

    /// Removes the file at `path`; a file that is already gone is not an error.
    public static func remove(_ path: String) throws(SnapdriftError) {
        if unlink(path) != 0, errno != ENOENT {
            throw SnapdriftError(.io, "cannot remove \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Renames `from` to `to` atomically (same file system).
    public static func move(_ from: String, to: String) throws(SnapdriftError) {
        guard rename(from, to) == 0 else {
            throw SnapdriftError(.io, "cannot move \(from) to \(to): \(String(cString: strerror(errno)))")
        }
    }

    /// The names in a folder, sorted; a missing folder has none.
    public static func list(_ path: String) throws(SnapdriftError) -> [String] {
        guard exists(path) else { return [] }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw SnapdriftError(.io, "cannot list \(path): \(reason(error))", underlying: error)
        }
    }

    /// Whether `path` is a folder.
    public static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func reason(_ error: any Error) -> String {
        if let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        let cocoa = error as NSError
        if cocoa.domain == NSCocoaErrorDomain {
            switch cocoa.code {
            case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "no such file"
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
            default: break
            }
        }
        return cocoa.localizedDescription
    }
}
