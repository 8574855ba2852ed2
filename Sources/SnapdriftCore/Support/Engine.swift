/// The engine's identity, written into goldens and reports.
public enum Engine {
    /// The version number.
    public static let version = "0.1.0"
    /// `snapdrift 0.1.0`: the `engine` field of goldens and reports.
    public static let name = "snapdrift \(version)"
}
