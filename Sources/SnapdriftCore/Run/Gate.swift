/// The gate decision and the run status (DESIGN §6, §7).
public enum Gate {
    /// Whether the run passes at `level`. Errors and incomparable fixtures always fail (a
    /// fixture that could not be checked is not a pass); a missing golden fails on CI
    /// (snapshot tools that record missing goldens on CI let broken runs pass).
    public static func passes(_ fixtures: [FixtureReport], level: GateLevel, ci: Bool) -> Bool {
        if level == .never { return true }
        return !fixtures.contains { fails($0, level: level, ci: ci) }
    }

    /// Whether one fixture fails the gate at `level`.
    public static func fails(_ fixture: FixtureReport, level: GateLevel, ci: Bool) -> Bool {
        switch fixture.outcome {
        case .match: return false
        case .error, .incomparable: return level != .never
        case .new: return level == .any || (ci && level != .never)
        case .obsolete: return level == .any
        case .drift:
            let worst = fixture.worstSeverity ?? .info
            switch level {
            case .any: return true
            case .drift: return worst >= .drift
            case .breaking: return worst == .breaking
            case .never: return false
            }
        }
    }

    /// `success` when every fixture matched; `degraded` otherwise.
    public static func status(_ fixtures: [FixtureReport]) -> RunStatus {
        fixtures.allSatisfy { $0.outcome == .match } ? .success : .degraded
    }
}
