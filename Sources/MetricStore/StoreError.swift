public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownMetric(MetricName)
    case dataDirectory(path: String, reason: String)
    case fileSystem(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownMetric(let name):
            return "no stored metric named '\(name)'; 'metrics list' shows the stored names"
        case .dataDirectory(let path, let reason):
            return "data directory \(path): \(reason)"
        case .fileSystem(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}
