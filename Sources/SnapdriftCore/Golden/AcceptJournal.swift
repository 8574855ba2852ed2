/// Promoting a capture replaces three files — the page, its sidecar and its golden — which
/// one rename cannot do atomically. The renames are written to a journal first; a run that
/// finds a journal (after a crash or a kill) finishes them before anything else.
public enum AcceptJournal {
    static func path(_ project: Project) -> String { project.goldenFolder + "/.snapdrift-accept.json" }

    /// Performs `renames` (paths relative to the project root) as one unit.
    public static func perform(_ renames: [(from: String, to: String)], project: Project) throws(SnapdriftError) {
        guard renames.count > 1 else {
            for rename in renames { try FileIO.move(project.root + "/" + rename.from, to: project.root + "/" + rename.to) }
            return
        }
        let journal: JSONValue = ["renames": .array(renames.map { [.string($0.from), .string($0.to)] })]
        try FileIO.createFolder(project.goldenFolder)
        try FileIO.writeAtomically(CanonicalJSON.bytes(journal), to: path(project))
        try recover(project: project)
    }

    /// Finishes the renames of a journal left behind, then removes it.
    public static func recover(project: Project) throws(SnapdriftError) {
        let file = path(project)
        guard FileIO.exists(file) else { return }
        let value: JSONValue
        do {
            value = try JSONReader.read(FileIO.read(file)).value
        } catch {
            throw SnapdriftError(.io, "the accept journal \(project.relative(file)) is unreadable: \(error.message)",
                                 notes: ["inspect it, finish or undo its renames by hand, then delete it"])
        }
        for pair in value["renames"]?.arrayValue ?? [] {
            guard let from = pair.arrayValue?.first?.stringValue, let to = pair.arrayValue?.last?.stringValue else { continue }
            let source = project.root + "/" + from
            // Each rename either happened before the interruption (source gone) or happens now.
            if FileIO.exists(source) {
                try project.requireInside(source)
                try FileIO.move(source, to: project.root + "/" + to)
            }
        }
        try FileIO.remove(file)
    }
}
