extension JSONValue {
    /// The value with `pointer` set to `newValue`; parents must exist (objects get the member,
    /// arrays take an index up to their count, or `-` to append). Nil when the path cannot be
    /// set.
    public func setting(_ pointer: JSONPointer, to newValue: JSONValue) -> JSONValue? {
        guard let token = pointer.tokens.first else { return newValue }
        let rest = JSONPointer(tokens: Array(pointer.tokens.dropFirst()))
        switch self {
        case .object(var object):
            if rest.tokens.isEmpty {
                object[token] = newValue
            } else {
                guard let child = object[token], let updated = child.setting(rest, to: newValue) else { return nil }
                object[token] = updated
            }
            return .object(object)
        case .array(var items):
            if rest.tokens.isEmpty {
                if token == "-" {
                    items.append(newValue)
                } else {
                    guard let index = JSONPointer.arrayIndex(token), index <= items.count else { return nil }
                    items.insert(newValue, at: index)
                }
            } else {
                guard let index = JSONPointer.arrayIndex(token), index < items.count,
                      let updated = items[index].setting(rest, to: newValue) else { return nil }
                items[index] = updated
            }
            return .array(items)
        default:
            return nil
        }
    }

    /// The value with `pointer` replaced (it must exist).
    public func replacing(_ pointer: JSONPointer, with newValue: JSONValue) -> JSONValue? {
        guard pointer.resolve(in: self) != nil else { return nil }
        guard let token = pointer.tokens.last, let parent = pointer.parent else { return newValue }
        if case .array(var items)? = parent.resolve(in: self), let index = JSONPointer.arrayIndex(token) {
            items[index] = newValue
            return replacing(parent, with: .array(items))
        }
        return setting(pointer, to: newValue)
    }

    /// The value without `pointer`; nil when there is nothing there.
    public func removing(_ pointer: JSONPointer) -> JSONValue? {
        guard let token = pointer.tokens.first else { return nil }
        let rest = JSONPointer(tokens: Array(pointer.tokens.dropFirst()))
        switch self {
        case .object(var object):
            if rest.tokens.isEmpty {
                guard object.removeValue(forKey: token) != nil else { return nil }
            } else {
                guard let child = object[token], let updated = child.removing(rest) else { return nil }
                object[token] = updated
            }
            return .object(object)
        case .array(var items):
            guard let index = JSONPointer.arrayIndex(token), index < items.count else { return nil }
            if rest.tokens.isEmpty {
                items.remove(at: index)
            } else {
                guard let updated = items[index].removing(rest) else { return nil }
                items[index] = updated
            }
            return .array(items)
        default:
            return nil
        }
    }
}
