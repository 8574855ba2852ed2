import Yams

/// Reading YAML (specs, matrix exclusions and equivalences) with errors in compiler form.
enum YAMLText {
    /// Composes `text` into a node tree; nil for an empty document. A syntax error or a
    /// duplicate key becomes a `code` error at its line and column in `file`.
    static func compose(_ text: String, file: String, code: SnapdriftError.Code) throws(SnapdriftError) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw located(error, file: file, code: code)
        } catch {
            throw SnapdriftError(code, "cannot read the YAML: \(error)", at: SourceLocation(file: file), underlying: error)
        }
    }

    private static func located(_ error: YamlError, file: String, code: SnapdriftError.Code) -> SnapdriftError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return SnapdriftError(code, "invalid YAML: \(detail)", at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return SnapdriftError(code, "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))",
                                  at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
        default:
            return SnapdriftError(code, "invalid YAML: \(error)", at: SourceLocation(file: file))
        }
    }
}
