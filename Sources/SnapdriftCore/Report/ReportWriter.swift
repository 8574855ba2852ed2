/// Writes a run's reports into its folder, each file atomically.
public enum ReportWriter {
    public static func writeAll(_ report: RunReport, to folder: String) throws(SnapdriftError) {
        try FileIO.writeAtomically(CanonicalJSON.bytes(report.json), to: folder + "/report.json")
        try FileIO.writeAtomically(MarkdownReporter.render(report), to: folder + "/summary.md")
        try FileIO.writeAtomically(try JUnitReporter.render(report), to: folder + "/junit.xml")
        try FileIO.writeAtomically(HTMLReporter.render(report), to: folder + "/report.html")
    }
}

/// Escaping for text that comes from pages, per output format.
enum Escaping {
    /// For HTML text and attribute values.
    ///
    /// Escaping works on Unicode scalars, never on `Character`s: a quote or `<` followed by a
    /// combining mark is one `Character` that compares unequal to `"`, and would slip through.
    static func html(_ text: String) -> String {
        escape(text, htmlEntity)
    }

    /// For a Markdown table cell or inline text on GitHub: HTML-escaped (GitHub renders raw
    /// HTML), Markdown's punctuation as entities, line breaks as spaces.
    static func markdown(_ text: String) -> String {
        escape(text) { scalar in
            switch scalar {
            case "|": "&#124;"
            case "`": "&#96;"
            case "*": "&#42;"
            case "_": "&#95;"
            case "[": "&#91;"
            case "]": "&#93;"
            case "\r", "\n": " "
            default: htmlEntity(scalar)
            }
        }
    }

    private static func htmlEntity(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        case "\"": "&quot;"
        case "'": "&#39;"
        default: nil
        }
    }

    private static func escape(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var result = String.UnicodeScalarView()
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let entity = replacement(scalar) {
                result.append(contentsOf: entity.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// A value as inline code in Markdown (HTML `<code>`, so escaping stays in our hands).
    static func markdownCode(_ text: String) -> String {
        "<code>" + markdown(text) + "</code>"
    }
}
