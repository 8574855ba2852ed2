import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 and a free port, started by a test: each path answers
/// with a fixed response, optionally after a delay. One thread per connection, `Connection:
/// close`. Enough to test fetching, not a web server.
public final class LocalHTTPServer: @unchecked Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        public var delay: TimeInterval

        public init(status: Int = 200, headers: [(String, String)] = [("Content-Type", "text/html; charset=utf-8")], body: [UInt8], delay: TimeInterval = 0) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
        }

        public init(status: Int = 200, contentType: String = "text/html; charset=utf-8", text: String, delay: TimeInterval = 0) {
            self.init(status: status, headers: [("Content-Type", contentType)], body: Array(text.utf8), delay: delay)
        }
    }

    public let port: Int
    private let socket: Int32
    private let lock = NSLock()
    private var routes: [String: Response] = [:]
    private var sequences: [String: [Response]] = [:]
    private var requestCounts: [String: Int] = [:]
    private var userAgents: [String] = []
    private var stopped = false

    public init() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ServerError.socket(errno) }
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(socket, 64) == 0 else { throw ServerError.socket(errno) }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        self.socket = socket
        port = Int(UInt16(bigEndian: actual.sin_port))
        let thread = Thread { [weak self] in self?.acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// The URL of `path` on this server.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    public func route(_ path: String, _ response: Response) {
        lock.withLock { routes[path] = response }
    }

    /// Answers `path` with these responses in turn, then with the last one.
    public func route(_ path: String, sequence: [Response]) {
        lock.withLock { sequences[path] = sequence }
    }

    /// How many requests reached `path`.
    public func requests(to path: String) -> Int { lock.withLock { requestCounts[path, default: 0] } }

    /// The User-Agent headers received.
    public var receivedUserAgents: [String] { lock.withLock { userAgents } }

    public func stop() {
        let wasStopped = lock.withLock { () -> Bool in
            let was = stopped
            stopped = true
            return was
        }
        if !wasStopped {
            shutdown(socket, Int32(SHUT_RDWR))
            close(socket)
        }
    }

    private func acceptLoop() {
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 {
                if lock.withLock({ stopped }) { return }
                continue
            }
            let thread = Thread { [weak self] in self?.serve(client) }
            thread.start()
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.containsHeaderEnd {
            let count = read(client, &buffer, buffer.count)
            if count <= 0 { return }
            request += buffer.prefix(count)
        }
        let head = String(decoding: request, as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        let path = parts.count > 1 ? String(parts[1]) : "/"
        let agent = lines.first { $0.lowercased().hasPrefix("user-agent:") }.map { String($0.dropFirst("user-agent:".count)).trimmingCharacters(in: .whitespaces) }
        let response = lock.withLock { () -> Response? in
            requestCounts[path, default: 0] += 1
            if let agent { userAgents.append(agent) }
            if var sequence = sequences[path], !sequence.isEmpty {
                let next = sequence.removeFirst()
                if !sequence.isEmpty { sequences[path] = sequence } else { sequences[path] = nil; routes[path] = next }
                return next
            }
            return routes[path]
        } ?? Response(status: 404, text: "not found")
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        var head2 = "HTTP/1.1 \(response.status) \(HTTPURLResponse.localizedString(forStatusCode: response.status))\r\n"
        for (name, value) in response.headers { head2 += "\(name): \(value)\r\n" }
        head2 += "Content-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        let bytes = Array(head2.utf8) + response.body
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }

    enum ServerError: Error { case socket(Int32) }
}

private extension Array where Element == UInt8 {
    var containsHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for index in 0...(count - 4) where self[index] == 13 && self[index + 1] == 10 && self[index + 2] == 13 && self[index + 3] == 10 { return true }
        return false
    }
}
