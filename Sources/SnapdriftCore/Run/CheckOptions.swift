/// How `snapdrift check` runs.
public struct CheckOptions: Sendable {
    /// The project root.
    public var root: String = "."
    /// Only these sources (all when empty).
    public var sources: [String] = []
    /// CI mode: nothing is written under `Golden/`, and a missing golden fails the gate.
    public var ci = false
    public var failOn: GateLevel = .any
    /// `--against REF`: also normalize with the spec and fixture at this git ref.
    public var against: String?
    public var shard: Shard?
    /// Fixtures processed at once (default: all cores).
    public var jobs: Int = ProcessInfoCores.count
    /// Re-verify every fixture, even those whose golden proves the output.
    public var full = false
    /// Write a pending golden for a match whose golden is out of date in its hashes,
    /// provenance or schema version (values unchanged), so `accept` refreshes it.
    public var refresh = false
    /// `--live`: normalize the live page of every fixture with a URL (issue 7).
    public var live = false
    public var maximumPageBytes = FixtureNormalizer.defaultMaximumBytes
    /// Where run folders go (default `<root>/reports`).
    public var reportsFolder: String?
    /// Options of live fetching.
    public var fetch = FetchOptions()

    public init() {}
}

/// The number of cores, the default `--jobs`.
public enum ProcessInfoCores {
    public static var count: Int {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }
}
#if canImport(Glibc)
import Glibc
#endif
