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
    static func html(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// For a Markdown table cell or inline text on GitHub: HTML-escaped (GitHub renders raw
    /// HTML), pipes and backticks as entities, line breaks as spaces.
    static func markdown(_ text: String) -> String {
        html(text).replacingOccurrences(of: "|", with: "&#124;").replacingOccurrences(of: "`", with: "&#96;")
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "*", with: "&#42;").replacingOccurrences(of: "_", with: "&#95;")
            .replacingOccurrences(of: "[", with: "&#91;").replacingOccurrences(of: "]", with: "&#93;")
    }

    /// A value as inline code in Markdown (HTML `<code>`, so escaping stays in our hands).
    static func markdownCode(_ text: String) -> String {
        "<code>" + markdown(text) + "</code>"
    }
}
