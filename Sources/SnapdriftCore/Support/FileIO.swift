import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File reading and crash-safe writing.
public enum FileIO {
    /// The bytes of the file at `path`, read straight into one array: pages are read once
    /// each, and every extra copy of a page is memory traffic the benchmark sees.
    public static func read(_ path: String) throws(SnapdriftError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw SnapdriftError(.io, "cannot read \(path): \(code == ENOENT ? "no such file" : String(cString: strerror(code)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw SnapdriftError(.io, "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw SnapdriftError(.io, "cannot read \(path): it is a folder") }
        var failure: Int32 = 0
        // The size fstat gives, plus room to notice a file that grew (or a /proc file of size 0).
        let expected = max(Int(status.st_size), 0)
        var bytes = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, initialized in
            initialized = readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer), failure: &failure)
        }
        while failure == 0, bytes.count == bytes.capacity || expected == 0 {
            var chunk = [UInt8](unsafeUninitializedCapacity: 65_536) { buffer, initialized in
                initialized = readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer), failure: &failure)
            }
            if chunk.isEmpty { break }
            bytes.append(contentsOf: chunk)
            chunk.removeAll()
        }
        if failure != 0 { throw SnapdriftError(.io, "cannot read \(path): \(String(cString: strerror(failure)))") }
        return bytes
    }

    /// Fills `buffer` from `descriptor` until it is full or the file ends; the byte count.
    private static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, failure: inout Int32) -> Int {
        var filled = 0
        while filled < buffer.count {
            let count = Glibc.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            if count < 0 {
                if errno == EINTR { continue }
                failure = errno
                return filled
            }
            if count == 0 { break }
            filled += count
        }
        return filled
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
        guard isFolder(path) else { throw SnapdriftError(.io, "cannot list \(path): it is a file, not a folder") }
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
