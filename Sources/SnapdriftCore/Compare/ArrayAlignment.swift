/// How two arrays line up: the longest common subsequence (Myers, through the standard
/// library's `difference(from:)`), with a removal and an insertion at the same place paired
/// as a replacement.
enum ArrayAlignment {
    enum Step: Equatable {
        case keep(before: Int, after: Int)
        case replace(before: Int, after: Int)
        case delete(before: Int)
        case insert(after: Int)
    }

    static func align(_ before: [JSONValue], _ after: [JSONValue]) -> [Step] {
        let difference = after.difference(from: before)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var steps: [Step] = []
        var i = 0, j = 0
        while i < before.count || j < after.count {
            let removing = i < before.count && removed.contains(i)
            let inserting = j < after.count && inserted.contains(j)
            if removing && inserting {
                steps.append(.replace(before: i, after: j))
                i += 1
                j += 1
            } else if removing {
                steps.append(.delete(before: i))
                i += 1
            } else if inserting {
                steps.append(.insert(after: j))
                j += 1
            } else {
                steps.append(.keep(before: i, after: j))
                i += 1
                j += 1
            }
        }
        return steps
    }
}
