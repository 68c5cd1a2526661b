/// Why `metrics query` could not answer; each says what to type instead.
public enum QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    case badPattern(String, String)
    case tooManyPoints(wanted: Int, most: Int)

    public var description: String {
        switch self {
        case .badPattern(let pattern, let why):
            "'\(pattern.prefix(100))' is not a metric pattern: \(why); use names like 'host.cpu.*.user' or 'app.**'"
        case .tooManyPoints(let wanted, let most):
            "--step asks for \(wanted) points per metric, more than \(most); use a larger --step or a shorter range"
        }
    }
}
