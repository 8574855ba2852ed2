import Foundation
import SnapdriftMarkup

/// The two kinds of page snapdrift reads.
public enum PageFormat: String, Sendable, Equatable, CaseIterable {
    case html, json

    /// The format a file name implies: `.json` is JSON, anything else HTML.
    public static func inferred(from fileName: String) -> PageFormat {
        fileName.lowercased().hasSuffix(".json") ? .json : .html
    }
}

/// A page parsed once, with everything field rules read from it: the HTML document or the
/// JSON value, its JSON-LD (read on first use), and the base URL for relative links.
///
/// A page is used by one task; it is not shared across threads.
public final class Page {
    public let format: PageFormat
    /// The document, for HTML pages.
    public let document: HTMLDocument?
    /// The value, for JSON pages.
    public let json: JSONValue?
    /// The sidecar the page was read with.
    public let sidecar: FixtureSidecar?
    /// Problems noticed while reading that do not stop normalization (repaired bytes,
    /// unreadable JSON-LD blocks).
    public private(set) var warnings: [String] = []
    private var jsonldCache: JSONLDExtraction?
    private var baseURLCache: URL??

    /// Parses `bytes` as `format`. JSON pages are read strictly.
    public init(bytes: [UInt8], format: PageFormat, sidecar: FixtureSidecar? = nil) throws(SnapdriftError) {
        self.format = format
        self.sidecar = sidecar
        switch format {
        case .html:
            do {
                let document = try HTMLDocument(html: bytes, options: HTMLParseOptions(contentType: sidecar?.contentType, url: sidecar?.url))
                self.document = document
                warnings += document.repairs
            } catch {
                throw SnapdriftError(.invalidFixture, "cannot parse the page: \(error.message)")
            }
            self.json = nil
        case .json:
            do {
                let result = try JSONReader.read(bytes)
                self.json = result.value
                warnings += result.duplicateKeys.map { "duplicate key '\($0.key)' at line \($0.line), column \($0.column): the last value is used" }
            } catch {
                throw SnapdriftError(.invalidFixture, "cannot parse the JSON page: \(error.message)", at: error.location)
            }
            self.document = nil
        }
    }

    /// The page's JSON-LD, extracted on first use and kept.
    public func jsonld() throws(SnapdriftError) -> JSONLDExtraction {
        if let jsonldCache { return jsonldCache }
        guard let document else { throw SnapdriftError(.extractionFailed, "JSON-LD is only read from HTML pages") }
        let extraction = try JSONLD.extract(from: document)
        warnings += extraction.warnings
        jsonldCache = extraction
        return extraction
    }

    /// The URL relative links resolve against: `<base href>` (itself resolved against the
    /// sidecar URL), else the sidecar URL.
    public var baseURL: URL? {
        if let baseURLCache { return baseURLCache }
        let pageURL = sidecar?.url.flatMap { URL(string: $0) }
        var base = pageURL
        if let href = document?.baseHref, let resolved = URL(string: href, relativeTo: pageURL)?.absoluteURL {
            base = resolved
        }
        baseURLCache = .some(base)
        return base
    }
}
