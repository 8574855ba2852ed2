/// A unified line diff (Myers, through `difference(from:)`), for terminals and reports.
public enum LineDiff {
    /// One line of a hunk.
    public enum Line: Sendable, Equatable {
        case context(String)
        case removed(String)
        case added(String)
    }

    /// Lines of `old` and `new` that differ, with `context` unchanged lines around each run;
    /// `@@ -a,b +c,d @@` headers as `diff -u` writes them. Empty when the texts are equal.
    public static func unified(old: String, new: String, context: Int = 3) -> String {
        let hunks = self.hunks(old: old, new: new, context: context)
        return hunks.map { hunk in
            ([hunk.header] + hunk.lines.map { line -> String in
                switch line {
                case .context(let text): return " " + text
                case .removed(let text): return "-" + text
                case .added(let text): return "+" + text
                }
            }).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    public struct Hunk: Sendable, Equatable {
        public var header: String
        public var lines: [Line]
    }

    public static func hunks(old: String, new: String, context: Int = 3) -> [Hunk] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let difference = b.difference(from: a)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        // Walk both sides into one script of (line, old index, new index).
        var script: [(Line, Int, Int)] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) {
                script.append((.removed(a[i]), i, j))
                i += 1
            } else if j < b.count, inserted.contains(j) {
                script.append((.added(b[j]), i, j))
                j += 1
            } else {
                script.append((.context(a[i]), i, j))
                i += 1
                j += 1
            }
        }
        var hunks: [Hunk] = []
        var index = 0
        while index < script.count {
            guard case .context = script[index].0 else {
                // A change: take context before, then changes and short context runs after.
                let start = max(0, index - context)
                var end = index
                var trailing = 0
                while end < script.count {
                    if case .context = script[end].0 {
                        trailing += 1
                        if trailing > context * 2 { break }
                    } else {
                        trailing = 0
                    }
                    end += 1
                }
                end = min(script.count, end - max(0, trailing - context))
                let slice = Array(script[start..<end])
                let oldCount = slice.filter { if case .added = $0.0 { return false } else { return true } }.count
                let newCount = slice.filter { if case .removed = $0.0 { return false } else { return true } }.count
                let oldStart = oldCount == 0 ? slice[0].1 : slice[0].1 + 1
                let newStart = newCount == 0 ? slice[0].2 : slice[0].2 + 1
                hunks.append(Hunk(header: "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@", lines: slice.map(\.0)))
                index = end
                continue
            }
            index += 1
        }
        return hunks
    }
}
