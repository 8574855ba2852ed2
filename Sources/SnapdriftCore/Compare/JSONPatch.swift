/// RFC 6902 JSON Patch: a diff written as operations, and their application.
public enum JSONPatch {
    /// Operations that turn `before` into `after`, applied in order.
    public static func diff(_ before: JSONValue, _ after: JSONValue) -> [JSONValue] {
        var operations: [JSONValue] = []
        diff(before, after, at: .root, into: &operations)
        return operations
    }

    private static func diff(_ before: JSONValue, _ after: JSONValue, at path: JSONPointer, into operations: inout [JSONValue]) {
        guard before != after else { return }
        switch (before, after) {
        case (.object(let a), .object(let b)):
            for key in CanonicalJSON.sortedKeys(a) where b[key] == nil {
                operations.append(["op": "remove", "path": .string(path.appending(key).description)])
            }
            for key in CanonicalJSON.sortedKeys(b) {
                if let old = a[key] {
                    diff(old, b[key]!, at: path.appending(key), into: &operations)
                } else {
                    operations.append(["op": "add", "path": .string(path.appending(key).description), "value": b[key]!])
                }
            }
        case (.array(let a), .array(let b)):
            // `position` is the index in the document as the operations so far have left it.
            var position = 0
            for step in ArrayAlignment.align(a, b) {
                switch step {
                case .keep:
                    position += 1
                case .replace(let i, let j):
                    diff(a[i], b[j], at: path.appending(index: position), into: &operations)
                    position += 1
                case .delete:
                    operations.append(["op": "remove", "path": .string(path.appending(index: position).description)])
                case .insert(let j):
                    operations.append(["op": "add", "path": .string(path.appending(index: position).description), "value": b[j]])
                    position += 1
                }
            }
        default:
            operations.append(["op": "replace", "path": .string(path.description), "value": after])
        }
    }

    /// Applies RFC 6902 operations (`add`, `remove`, `replace`, `move`, `copy`, `test`);
    /// an operation that cannot apply is an error naming it.
    public static func apply(_ operations: [JSONValue], to document: JSONValue) throws(SnapdriftError) -> JSONValue {
        var current = document
        for (index, operation) in operations.enumerated() {
            func fail(_ message: String) -> SnapdriftError {
                SnapdriftError(.invalidPointer, "patch operation \(index): \(message)")
            }
            guard let object = operation.objectValue, let op = object["op"]?.stringValue,
                  let pathText = object["path"]?.stringValue else { throw fail("needs 'op' and 'path'") }
            let path = try JSONPointer(pathText)
            switch op {
            case "add":
                guard let value = object["value"] else { throw fail("'add' needs 'value'") }
                // Objects take (or overwrite) the member; arrays insert at the index.
                guard let added = current.setting(path, to: value) else { throw fail("cannot add at \(path)") }
                current = added
            case "remove":
                guard let removed = current.removing(path) else { throw fail("nothing to remove at \(path)") }
                current = removed
            case "replace":
                guard let value = object["value"] else { throw fail("'replace' needs 'value'") }
                guard let replaced = current.replacing(path, with: value) else { throw fail("nothing to replace at \(path)") }
                current = replaced
            case "move", "copy":
                guard let fromText = object["from"]?.stringValue else { throw fail("'\(op)' needs 'from'") }
                let from = try JSONPointer(fromText)
                guard let value = from.resolve(in: current) else { throw fail("nothing at \(from)") }
                if op == "move" {
                    if path.tokens.starts(with: from.tokens), path.tokens.count > from.tokens.count {
                        throw fail("cannot move \(from) into its own child \(path)")
                    }
                    guard let removed = current.removing(from) else { throw fail("cannot move from \(from)") }
                    current = removed
                }
                current = try apply([["op": "add", "path": .string(path.description), "value": value]], to: current)
            case "test":
                guard let value = object["value"] else { throw fail("'test' needs 'value'") }
                guard path.resolve(in: current) == value else { throw fail("test failed at \(path)") }
            default:
                throw fail("unknown op '\(op)'")
            }
        }
        return current
    }
}
