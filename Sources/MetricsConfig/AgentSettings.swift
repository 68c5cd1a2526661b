import Collectors
import MetricStore

/// `role:`, `host_name:` and `central:`: whether this daemon keeps its samples (the default, and
/// what a central daemon does) or sends them to a central daemon as an agent.
public struct AgentSettings: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable {
        /// Stores what it collects and accepts agents' batches on `POST /api/v1/samples`.
        case central
        /// Sends what it collects to `central.url`, under `hosts.<host_name>.`.
        case agent
    }

    public var role = Role.central
    /// The name under `hosts.`; nil means the system's short host name.
    public var hostName: String?
    /// `http(s)://host:port` of the central daemon.
    public var centralURL: String?
    /// The central's write token (its `http.write_token_*`).
    public var token: SecretSource?
    /// Also write the local RRD files (dashboards and queries on the agent itself).
    public var keepLocal = false
    /// Bound on the on-disk buffer used while the central cannot be reached.
    public var bufferMax = 256 << 20

    public init() {}
}
