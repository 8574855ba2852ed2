/// The structural diff of two JSON values under a compare policy: every difference as a path
/// and a kind. Severity is decided afterwards, by `ChangeClassifier`.
struct StructuralDiff {
    let policy: ComparePolicy
    /// `records.key` of a listing spec: records are then matched by key, not position.
    let recordKey: String?
    let stage: OutputStage

    func changes(_ before: JSONValue, _ after: JSONValue) -> [DriftChange] {
        var changes: [DriftChange] = []
        diff(before, after, at: .root, record: nil, into: &changes)
        return changes
    }

    private func diff(_ before: JSONValue, _ after: JSONValue, at path: JSONPointer, record: String?, into changes: inout [DriftChange]) {
        if !path.tokens.isEmpty, policy.isIgnored(path) { return }
        if before == after { return }
        if case .number(let a) = before, case .number(let b) = after, let tolerance = policy.tolerance(at: path),
           abs(a.doubleValue - b.doubleValue) <= tolerance.doubleValue {
            return
        }
        switch (before, after) {
        case (.object(let a), .object(let b)):
            for key in a.keys where b[key] == nil {
                let child = path.appending(key)
                if !policy.isIgnored(child) { changes.append(change(child, .removed, a[key], nil, record)) }
            }
            for key in b.keys {
                let child = path.appending(key)
                if let old = a[key] {
                    diff(old, b[key]!, at: child, record: record, into: &changes)
                } else if !policy.isIgnored(child) {
                    changes.append(change(child, .added, nil, b[key], record))
                }
            }
        case (.array(let a), .array(let b)):
            if !path.tokens.isEmpty, a.isEmpty != b.isEmpty, !(path == JSONPointer(tokens: ["records"]) && recordKey != nil) {
                // A list that empties (or fills) is one change of the whole list.
                changes.append(change(path, b.isEmpty ? .emptied : .changed, before, after, record))
            } else if path == JSONPointer(tokens: ["records"]), let recordKey {
                diffRecords(a, b, key: recordKey, into: &changes)
            } else if policy.isUnordered(path) {
                diffMultiset(a, b, at: path, record: record, into: &changes)
            } else {
                for step in ArrayAlignment.align(a, b) {
                    switch step {
                    case .keep: break
                    case .replace(let i, let j): diff(a[i], b[j], at: path.appending(index: j), record: record, into: &changes)
                    case .delete(let i): changes.append(change(path.appending(index: i), .removed, a[i], nil, record))
                    case .insert(let j): changes.append(change(path.appending(index: j), .added, nil, b[j], record))
                    }
                }
            }
        default:
            let kind: ChangeKind
            if after.isEmptyValue && !before.isEmptyValue {
                kind = .emptied
            } else if before != .null, after != .null, before.typeName != after.typeName {
                kind = .typeChanged
            } else {
                kind = .changed
            }
            changes.append(change(path, kind, before, after, record))
        }
    }

    /// Listing records, matched by their key; a key that repeats is matched by occurrence.
    private func diffRecords(_ before: [JSONValue], _ after: [JSONValue], key: String, into changes: inout [DriftChange]) {
        let root = JSONPointer(tokens: ["records"])
        let oldKeys = Self.keyed(before, key: key)
        let newKeys = Self.keyed(after, key: key)
        let newIndex = Dictionary(newKeys, uniquingKeysWith: { first, _ in first })
        let oldIndex = Dictionary(oldKeys, uniquingKeysWith: { first, _ in first })
        for (recordKey, index) in oldKeys where newIndex[recordKey] == nil {
            changes.append(change(root.appending(index: index), .recordRemoved, before[index], nil, recordKey))
        }
        for (recordKey, index) in newKeys {
            let path = root.appending(index: index)
            if let old = oldIndex[recordKey] {
                diff(before[old], after[index], at: path, record: recordKey, into: &changes)
            } else {
                changes.append(change(path, .recordAdded, nil, after[index], recordKey))
            }
        }
        if before.count != after.count {
            changes.append(change(root, .countChanged, .integer(before.count), .integer(after.count), nil))
        }
    }

    /// Each record's identity: its key value, with `#2`, `#3` … for repeats, or `#index`
    /// when it has no key.
    static func keyed(_ records: [JSONValue], key: String) -> [(String, Int)] {
        var seen: [String: Int] = [:]
        return records.enumerated().map { index, record in
            let value = record[key].map { $0.stringValue ?? CanonicalJSON.compact($0) } ?? "#\(index)"
            seen[value, default: 0] += 1
            return (seen[value]! == 1 ? value : "\(value)#\(seen[value]!)", index)
        }
    }

    /// `compare.unordered` lists: compared as multisets.
    private func diffMultiset(_ before: [JSONValue], _ after: [JSONValue], at path: JSONPointer, record: String?, into changes: inout [DriftChange]) {
        var remaining: [JSONValue: Int] = [:]
        for item in after { remaining[item, default: 0] += 1 }
        for (index, item) in before.enumerated() {
            if let count = remaining[item], count > 0 {
                remaining[item] = count - 1
            } else {
                changes.append(change(path.appending(index: index), .removed, item, nil, record))
            }
        }
        var matchedAgain: [JSONValue: Int] = [:]
        for item in before { matchedAgain[item, default: 0] += 1 }
        for (index, item) in after.enumerated() {
            if let count = matchedAgain[item], count > 0 {
                matchedAgain[item] = count - 1
            } else {
                changes.append(change(path.appending(index: index), .added, nil, item, record))
            }
        }
    }

    private func change(_ path: JSONPointer, _ kind: ChangeKind, _ before: JSONValue?, _ after: JSONValue?, _ record: String?) -> DriftChange {
        DriftChange(stage: stage, path: path, kind: kind, before: before, after: after, record: record)
    }
}
