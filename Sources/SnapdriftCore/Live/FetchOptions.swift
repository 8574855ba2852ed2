/// How live pages are fetched (`check --live`, `capture`).
public struct FetchOptions: Sendable, Equatable {
    /// Seconds before a request is abandoned.
    public var timeout: Double = 20
    /// Further attempts after a network error or a 5xx answer.
    public var retries: Int = 2
    /// Seconds before the first retry; doubled for each further one.
    public var backoff: Double = 1
    /// Requests in flight at once to one host.
    public var perHostConcurrency: Int = 2
    /// Seconds between two requests to one host.
    public var perHostDelay: Double = 0.5
    /// The `User-Agent` header.
    public var userAgent: String = "snapdrift/\(Engine.version) (+https://github.com/snapdrift/snapdrift)"

    public init() {}
}
