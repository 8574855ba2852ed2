import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A fetched page.
public struct FetchedPage: Sendable {
    public var bytes: [UInt8]
    /// The sidecar describing the capture: the original URL, now, the answer's content type,
    /// status and ETag.
    public var sidecar: FixtureSidecar
    /// The URL after redirects.
    public var finalURL: String
    public var attempts: Int
}

/// Fetches live pages: timeouts, a bounded number of retries with exponential backoff for
/// network errors and 5xx answers, at most N requests in flight per host with a delay
/// between them, a clear User-Agent. A 403, a 429, a captcha-looking page or an answer of
/// the wrong kind is an error that says "blocked" — never "every field drifted".
public final class HTTPFetcher: Sendable {
    public let options: FetchOptions
    private let session: URLSession
    private let limiter: HostLimiter

    public init(options: FetchOptions) {
        self.options = options
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = options.timeout
        configuration.timeoutIntervalForResource = options.timeout * 2
        configuration.httpAdditionalHeaders = ["User-Agent": options.userAgent]
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
        limiter = HostLimiter(perHost: options.perHostConcurrency, delay: options.perHostDelay)
    }

    /// Fetches `url`, expecting a page of `format`.
    public func fetch(_ url: String, expecting format: PageFormat) async throws(SnapdriftError) -> FetchedPage {
        guard let target = URL(string: url), let scheme = target.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = target.host else {
            throw SnapdriftError(.fetchFailed, "'\(url)' is not an http(s) URL")
        }
        var attempt = 0
        var delay = options.backoff
        while true {
            attempt += 1
            let result: Result<(Data, HTTPURLResponse), SnapdriftError> = await limiter.run(host: host) {
                await self.request(target)
            }
            switch result {
            case .success(let (data, response)):
                if (500...599).contains(response.statusCode), attempt <= options.retries {
                    try await pause(delay)
                    delay *= 2
                    continue
                }
                return try judge(data: data, response: response, url: url, format: format, attempts: attempt)
            case .failure(let error):
                guard attempt <= options.retries else {
                    var final = error
                    final.message += " (\(attempt) attempt\(attempt == 1 ? "" : "s"))"
                    throw final
                }
                try await pause(delay)
                delay *= 2
            }
        }
    }

    private func pause(_ seconds: Double) async throws(SnapdriftError) {
        do {
            try await Task.sleep(for: .seconds(seconds))
        } catch {
            throw SnapdriftError(.fetchFailed, "cancelled while waiting to retry")
        }
    }

    private func request(_ url: URL) async -> Result<(Data, HTTPURLResponse), SnapdriftError> {
        var request = URLRequest(url: url)
        request.timeoutInterval = options.timeout
        request.setValue(options.userAgent, forHTTPHeaderField: "User-Agent")
        request.setValue("text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.5", forHTTPHeaderField: "Accept")
        do {
            let (data, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                return .failure(SnapdriftError(.fetchFailed, "\(url.absoluteString) did not answer over HTTP"))
            }
            return .success((data, http))
        } catch let error as URLError where error.code == .timedOut {
            return .failure(SnapdriftError(.fetchFailed, "\(url.absoluteString) timed out after \(Self.seconds(options.timeout))", underlying: error))
        } catch {
            return .failure(SnapdriftError(.fetchFailed, "\(url.absoluteString) could not be fetched: \(error.localizedDescription)", underlying: error))
        }
    }

    /// Turns an answer into a page, or into the error that explains why it is not one.
    private func judge(data: Data, response: HTTPURLResponse, url: String, format: PageFormat, attempts: Int) throws(SnapdriftError) -> FetchedPage {
        let status = response.statusCode
        let contentType = response.value(forHTTPHeaderField: "Content-Type")
        switch status {
        case 200...299: break
        case 403, 429:
            let retry = response.value(forHTTPHeaderField: "Retry-After").map { ", Retry-After: \($0)" } ?? ""
            throw SnapdriftError(.fetchFailed, "blocked: \(url) answered HTTP \(status) \(HTTPURLResponse.localizedString(forStatusCode: status))\(retry)")
        case 404, 410:
            throw SnapdriftError(.fetchFailed, "gone: \(url) answered HTTP \(status)")
        default:
            throw SnapdriftError(.fetchFailed, "\(url) answered HTTP \(status)" + (attempts > 1 ? " after \(attempts) attempts" : ""))
        }
        let bytes = [UInt8](data)
        if let contentType, !Self.fits(contentType, format) {
            throw SnapdriftError(.fetchFailed, "blocked: expected \(format == .html ? "HTML" : "JSON") from \(url), got \(contentType)")
        }
        if format == .html, let marker = Self.challengeMarker(bytes) {
            throw SnapdriftError(.fetchFailed, "blocked: \(url) answered a bot challenge instead of the page (\(marker))")
        }
        let sidecar = FixtureSidecar(url: url, capturedAt: Timestamps.string(Date()), contentType: contentType, status: status,
                                     etag: response.value(forHTTPHeaderField: "ETag"))
        return FetchedPage(bytes: bytes, sidecar: sidecar, finalURL: response.url?.absoluteString ?? url, attempts: attempts)
    }

    static func fits(_ contentType: String, _ format: PageFormat) -> Bool {
        let media = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch format {
        case .html: return media.contains("html") || media == "text/xml" || media == "application/xml" || media == "text/plain"
        case .json: return media.contains("json") || media == "text/plain"
        }
    }

    /// What in the first 64 KB says "this is a captcha or an anti-bot interstitial".
    static func challengeMarker(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(65_536), as: UTF8.self).lowercased()
        let markers = ["/cdn-cgi/challenge-platform", "cf-chl-", "g-recaptcha", "h-captcha", "hcaptcha.com", "px-captcha",
                       "captcha-delivery.com", "_incapsula_resource", "perimeterx"]
        if let marker = markers.first(where: { head.contains($0) }) { return marker }
        if let start = head.range(of: "<title"), let end = head.range(of: "</title>", range: start.upperBound..<head.endIndex) {
            let title = String(head[start.upperBound..<end.lowerBound])
            for phrase in ["captcha", "just a moment", "attention required", "are you a robot", "access denied", "verify you are human", "bot check"]
            where title.contains(phrase) {
                return "title: \(phrase)"
            }
        }
        return nil
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}

/// At most `perHost` requests in flight to one host, `delay` seconds apart.
actor HostLimiter {
    private let perHost: Int
    private let delay: Double
    private var inFlight: [String: Int] = [:]
    private var lastStart: [String: ContinuousClock.Instant] = [:]
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(perHost: Int, delay: Double) {
        self.perHost = max(1, perHost)
        self.delay = max(0, delay)
    }

    func run<T: Sendable>(host: String, _ body: @Sendable () async -> T) async -> T {
        await acquire(host)
        let result = await body()
        release(host)
        return result
    }

    private func acquire(_ host: String) async {
        while inFlight[host, default: 0] >= perHost {
            await withCheckedContinuation { waiting[host, default: []].append($0) }
        }
        inFlight[host, default: 0] += 1
        if let last = lastStart[host] {
            let ready = last.advanced(by: .seconds(delay))
            let now = ContinuousClock.now
            if ready > now {
                lastStart[host] = ready
                do {
                    try await Task.sleep(until: ready, clock: .continuous)
                } catch {
                    // Cancelled while spacing requests: go ahead; the request itself will see the cancellation.
                    return
                }
                return
            }
        }
        lastStart[host] = ContinuousClock.now
    }

    private func release(_ host: String) {
        inFlight[host, default: 1] -= 1
        if var queue = waiting[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[host] = queue
            next.resume()
        }
    }
}
