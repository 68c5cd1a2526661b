/// Why a Graphite request was refused; each message says what to send instead.
public enum GraphiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target does not parse: what was expected, at which byte.
    case syntax(String, position: Int)
    case targetTooLong(length: Int)
    case tooDeep
    case unknownFunction(String)
    /// A function's argument is missing, of the wrong type or out of bounds.
    case badArgument(function: String, message: String)
    /// The globs match more series than one request may fetch.
    case tooManySeries(pattern: String, limit: Int)
    case badTime(parameter: String, message: String)
    /// Reading the stored data failed (librrd, files).
    case storage(String)

    public var description: String {
        switch self {
        case .syntax(let message, let position):
            return "target does not parse at byte \(position): \(message)"
        case .targetTooLong(let length):
            return "target is \(length) bytes long; the limit is \(GraphiteLimits.maxTargetLength): split it into several targets"
        case .tooDeep:
            return "target nests functions more than \(GraphiteLimits.maxDepth) deep; flatten it"
        case .unknownFunction(let name):
            return "unknown function \(name); supported: \(GraphiteFunctions.names.joined(separator: ", "))"
        case .badArgument(let function, let message):
            return "\(function): \(message)"
        case .tooManySeries(let pattern, let limit):
            return "'\(pattern)' takes the request past \(limit) series, the limit per request; use a narrower pattern"
        case .badTime(let parameter, let message):
            return "\(parameter): \(message)"
        case .storage(let message):
            return "reading the stored series failed: \(message)"
        }
    }
}
