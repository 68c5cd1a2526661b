/// Why the agent side cannot start or buffer; each message says what to do.
public enum AgentError: Error, Sendable, Equatable, CustomStringConvertible {
    case buffer(String)
    case machineID(String)
    case settings(String)

    public var description: String {
        switch self {
        case .buffer(let text), .machineID(let text), .settings(let text): text
        }
    }
}
