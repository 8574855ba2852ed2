import SnapdriftCore
import SnapdriftMarkup

/// The fuzzed entry points: any input may be refused with an error, none may crash, hang or
/// break an invariant. Used by the libFuzzer build of `snapdrift-fuzz` and by the tests that
/// replay saved crashers (`Fuzz/regressions/`).
public enum FuzzTargets {
    public static let names = ["css", "json", "spec"]

    /// What a target made of an input that broke no invariant.
    public enum Outcome: Equatable, Sendable {
        case accepted
        case refused
    }

    /// Runs target `name` on `bytes`; a broken invariant stops the process.
    @discardableResult
    public static func run(_ name: String, _ bytes: [UInt8]) -> Outcome {
        switch name {
        case "css": css(bytes)
        case "json": json(bytes)
        case "spec": spec(bytes)
        default: preconditionFailure("unknown fuzz target '\(name)'")
        }
    }

    /// Inputs that reach each target's lazily built tables (the spec key registry, character
    /// classes): the fuzzer runs them once before fuzzing, so that LeakSanitizer, which checks
    /// each input for memory not freed, does not take a table built once for a leak.
    public static let warmUpInputs: [String: [String]] = [
        "css": ["", "a", "div.c > p:nth-child(2n+1) ~ [href^='x'], li:not(.x)::text"],
        "json": ["", "[1, -2.5e3, \"x\\u00e9\", {\"a\": [true, false, null]}]", "{,}"],
        "spec": ["", "fields:\n  title: { css: h1, required: true, transform: [trim] }\n", "fields: 3", "a: ["],
    ]

    /// A small page every accepted selector runs against. It is parsed per input: the tests
    /// call the targets from several threads, and a document's XPath context is not shared.
    static let page = Array("""
        <html><head><title>T</title></head><body><div id="a" class="x y" lang="en-GB"><p>One</p><p class="x">Two <b>b</b></p></div>
        <ul><li>1</li><li data-k="v w">2</li><li></li></ul><dl><dt>K</dt><dd>V</dd></dl></body></html>
        """.utf8)

    /// The CSS selector parser and compiler: a selector either compiles to XPath that libxml2
    /// accepts and evaluates on a page, or the parser refuses it with a column inside it. The
    /// compiler writing XPath that libxml2 refuses is a bug, not a refusal.
    public static func css(_ bytes: [UInt8]) -> Outcome {
        let source = String(decoding: bytes, as: UTF8.self)
        let selector: Selector
        do {
            selector = try Selector(css: source)
        } catch {
            precondition(error.code == .invalidSelector, "unexpected error kind for '\(source)': \(error)")
            precondition(!error.message.hasPrefix("cannot compile"), "the compiler wrote XPath libxml2 refuses: \(error)")
            if let column = error.column {
                precondition(column >= 1 && column <= source.unicodeScalars.count + 1, "column \(column) outside '\(source)'")
            }
            return .refused
        }
        precondition(!selector.xpath.isEmpty, "an empty XPath for '\(source)'")
        do {
            let document = try HTMLDocument(html: page)
            _ = try document.select(selector)
        } catch {
            preconditionFailure("'\(source)' compiled to \(selector.xpath), which does not evaluate: \(error)")
        }
        return .accepted
    }

    /// The JSON reader, strict and lenient: whatever it accepts writes canonically and reads
    /// back to an equal value, byte-identically the second time.
    /// The outcome is the strict reader's.
    public static func json(_ bytes: [UInt8]) -> Outcome {
        var outcome = Outcome.accepted
        for options in [JSONReadOptions.strict, .lenient] {
            do {
                let result = try JSONReader.read(bytes, options: options)
                for value in result.values {
                    let written = CanonicalJSON.bytes(value)
                    let reread: JSONValue
                    do {
                        reread = try JSONReader.read(written).value
                    } catch {
                        preconditionFailure("canonical output does not read back: \(error)")
                    }
                    precondition(reread == value, "round trip changed the value")
                    precondition(CanonicalJSON.bytes(reread) == written, "canonical output is not stable")
                }
            } catch {
                precondition(error.code == .invalidJSON, "unexpected error kind: \(error)")
                precondition(error.location?.line != nil, "a JSON error without a line")
                if options == .strict { outcome = .refused }
            }
        }
        return outcome
    }

    /// The spec loader: any text loads, deterministically (the same hash when loaded again), or is
    /// refused with `file:line:col`-style errors.
    public static func spec(_ bytes: [UInt8]) -> Outcome {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let spec = try SpecLoader.load(yaml: text, file: "fuzz.yml", source: "fuzz", folder: "/nonexistent")
            precondition(spec.sha256.count == 64, "a spec hash that is not SHA-256")
            do {
                let again = try SpecLoader.load(yaml: text, file: "fuzz.yml", source: "fuzz", folder: "/nonexistent")
                precondition(again.sha256 == spec.sha256, "loading the same spec twice gave two hashes")
            } catch {
                preconditionFailure("a spec that loaded once is refused the second time: \(error)")
            }
            return .accepted
        } catch {
            precondition(error.code == .invalidSpec, "unexpected error kind: \(error)")
            precondition(error.location?.file == "fuzz.yml", "a spec error without its file: \(error)")
            return .refused
        }
    }
}
