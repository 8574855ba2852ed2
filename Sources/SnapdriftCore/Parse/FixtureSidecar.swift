/// `<fixture>.meta.json`: what is known about how a page was captured.
public struct FixtureSidecar: Sendable, Equatable {
    /// Where the page lives upstream; the base for relative URLs and what `--live` fetches.
    public var url: String?
    /// When it was captured (ISO 8601, as written).
    public var capturedAt: String?
    /// The HTTP `Content-Type` it was served with; its charset decides the encoding.
    public var contentType: String?
    /// The HTTP status it was served with.
    public var status: Int?
    /// The HTTP `ETag`.
    public var etag: String?

    public init(url: String? = nil, capturedAt: String? = nil, contentType: String? = nil, status: Int? = nil, etag: String? = nil) {
        self.url = url
        self.capturedAt = capturedAt
        self.contentType = contentType
        self.status = status
        self.etag = etag
    }

    /// Reads a sidecar strictly; unknown members are an error (a typo would otherwise
    /// silently drop the URL).
    public init(json bytes: [UInt8]) throws(SnapdriftError) {
        let value = try JSONReader.read(bytes).value
        guard let object = value.objectValue else {
            throw SnapdriftError(.invalidFixture, "a sidecar must be a JSON object")
        }
        let known: Set<String> = ["url", "captured_at", "content_type", "status", "etag"]
        if let unknown = object.keys.first(where: { !known.contains($0) }) {
            throw SnapdriftError(.invalidFixture, "unknown sidecar member '\(unknown)'",
                                 notes: ["sidecar members: " + known.sorted().joined(separator: ", ")])
        }
        func string(_ key: String) throws(SnapdriftError) -> String? {
            switch object[key] {
            case nil, .null?: return nil
            case .string(let text)?: return text
            case let other?: throw SnapdriftError(.invalidFixture, "sidecar '\(key)' must be a string, not \(other.typeName)")
            }
        }
        url = try string("url")
        capturedAt = try string("captured_at")
        contentType = try string("content_type")
        etag = try string("etag")
        switch object["status"] {
        case nil, .null?: status = nil
        case .number(let number)? where number.intValue != nil: status = number.intValue
        case let other?: throw SnapdriftError(.invalidFixture, "sidecar 'status' must be an integer, not \(other.description)")
        }
    }

    /// The sidecar as JSON (members that are nil are left out).
    public var json: JSONValue {
        var object = JSONObject()
        if let url { object["url"] = .string(url) }
        if let capturedAt { object["captured_at"] = .string(capturedAt) }
        if let contentType { object["content_type"] = .string(contentType) }
        if let status { object["status"] = .integer(status) }
        if let etag { object["etag"] = .string(etag) }
        return .object(object)
    }
}
