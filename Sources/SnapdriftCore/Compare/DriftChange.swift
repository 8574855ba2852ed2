/// The two outputs a golden pins.
public enum OutputStage: String, Sendable, Comparable, CaseIterable {
    case normalized, finalized

    public static func < (lhs: OutputStage, rhs: OutputStage) -> Bool { lhs == .normalized && rhs == .finalized }
}

/// What happened at a path.
public enum ChangeKind: String, Sendable, CaseIterable {
    case added, removed, changed
    case typeChanged = "type_changed"
    /// A value became null, `""` or `[]`.
    case emptied
    case recordAdded = "record_added"
    case recordRemoved = "record_removed"
    case countChanged = "count_changed"
}

/// One difference between a golden and the current output (DESIGN §5).
public struct DriftChange: Sendable, Equatable, Comparable {
    public var stage: OutputStage
    public var path: JSONPointer
    public var kind: ChangeKind
    public var severity: Severity
    /// Nil when the value did not exist before.
    public var before: JSONValue?
    /// Nil when the value does not exist now.
    public var after: JSONValue?
    /// The `records.key` value of the record the change is in.
    public var record: String?
    /// What the provenance says about it: "css:h1.title matched 1 node, now 0".
    public var note: String?
    /// With `check --against`: `upstream`, `spec`, `both` or `pre-existing`.
    public var cause: String?

    public init(stage: OutputStage, path: JSONPointer, kind: ChangeKind, severity: Severity = .drift, before: JSONValue?, after: JSONValue?,
                record: String? = nil, note: String? = nil, cause: String? = nil) {
        self.stage = stage
        self.path = path
        self.kind = kind
        self.severity = severity
        self.before = before
        self.after = after
        self.record = record
        self.note = note
        self.cause = cause
    }

    /// `{stage, path, kind, severity, before, after}` plus `record`, `note`, `cause` when set;
    /// an absent value is left out.
    public var json: JSONValue {
        var object: JSONObject = ["stage": .string(stage.rawValue), "path": .string(path.description),
                                  "kind": .string(kind.rawValue), "severity": .string(severity.rawValue)]
        if let before { object["before"] = before }
        if let after { object["after"] = after }
        if let record { object["record"] = .string(record) }
        if let note { object["note"] = .string(note) }
        if let cause { object["cause"] = .string(cause) }
        return .object(object)
    }

    /// Reads the report form back; anything else is an error saying what is wrong.
    public init(json value: JSONValue) throws(SnapdriftError) {
        guard let object = value.objectValue, let stage = object["stage"]?.stringValue.flatMap(OutputStage.init),
              let pathText = object["path"]?.stringValue,
              let kind = object["kind"]?.stringValue.flatMap(ChangeKind.init),
              let severity = object["severity"]?.stringValue.flatMap(Severity.init) else {
            throw SnapdriftError(.invalidReport, "not a change: \(DriftChange.short(value))")
        }
        let path = try JSONPointer(pathText)
        self.init(stage: stage, path: path, kind: kind, severity: severity, before: object["before"], after: object["after"],
                  record: object["record"]?.stringValue, note: object["note"]?.stringValue, cause: object["cause"]?.stringValue)
    }

    /// Stage, then path (array indices as numbers), then kind: the one order changes are
    /// reported in.
    public static func < (lhs: DriftChange, rhs: DriftChange) -> Bool {
        if lhs.stage != rhs.stage { return lhs.stage < rhs.stage }
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        return lhs.kind.rawValue < rhs.kind.rawValue
    }

    /// One line for terminals and summaries: `changed /title: "A" → "B"`.
    public var summary: String {
        var text = "\(kind.rawValue) \(path)"
        if let record { text += " [\(record)]" }
        switch (before, after) {
        case (let before?, let after?): text += ": \(Self.short(before)) → \(Self.short(after))"
        case (let before?, nil): text += ": was \(Self.short(before))"
        case (nil, let after?): text += ": \(Self.short(after))"
        case (nil, nil): break
        }
        return text
    }

    static func short(_ value: JSONValue) -> String {
        let text = CanonicalJSON.compact(value)
        return text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }
}
