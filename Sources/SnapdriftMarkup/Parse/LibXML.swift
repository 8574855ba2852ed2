internal import CLibXML2

/// Process-wide libxml2 set-up and the capture of its error reports.
enum LibXML {
    /// `xmlInitParser()` must run once before documents are parsed on several threads.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func ensureInitialized() {
        _ = initialized
    }

    /// The errors libxml2 reported while `body` ran on this thread. libxml2 keeps its error
    /// handler in thread-local state, so the capture never sees another thread's errors, and
    /// nothing reaches stderr.
    static func capturingErrors<T>(_ body: () throws -> T) rethrows -> (T, ErrorLog) {
        ensureInitialized()
        let log = ErrorLog()
        let context = Unmanaged.passRetained(log)
        xmlSetStructuredErrorFunc(context.toOpaque()) { userData, error in
            guard let userData, let error else { return }
            let log = Unmanaged<ErrorLog>.fromOpaque(userData).takeUnretainedValue()
            log.record(error.pointee)
        }
        defer {
            xmlSetStructuredErrorFunc(nil, nil)
            context.release()
        }
        let result = try body()
        return (result, log)
    }
}

/// Errors and warnings libxml2 reported during one call; only the first few messages are
/// kept, every one is counted.
final class ErrorLog {
    struct Entry {
        var message: String
        var line: Int
        var column: Int
        /// For XPath errors: the expression and the 0-based offset of the problem in it.
        var expression: String?
        var offset: Int
        var code: Int
    }

    private(set) var errorCount = 0
    private(set) var warningCount = 0
    private(set) var entries: [Entry] = []
    private let keep = 20

    fileprivate func record(_ error: xmlError) {
        if error.level == XML_ERR_WARNING {
            warningCount += 1
        } else {
            errorCount += 1
        }
        guard entries.count < keep else { return }
        var message = error.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        while message.last?.isNewline == true { message.removeLast() }
        entries.append(Entry(
            message: message,
            line: Int(error.line),
            column: Int(error.int2),
            expression: error.str1.map { String(cString: $0) },
            offset: Int(error.int1),
            code: Int(error.code)))
    }

    var firstMessage: String? { entries.first?.message }
}
