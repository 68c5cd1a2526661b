import MetricStore

/// Why a graph or a series export cannot be made. Messages name the limit or the fix.
public enum GraphError: Error, Sendable, Equatable, CustomStringConvertible {
    case widthOutOfBounds(Int)
    case heightOutOfBounds(Int)
    case emptyRange(start: Int, end: Int)
    case rangeTooLong(seconds: Int)
    case noSeries
    /// No stored metric matches any of these patterns.
    case noMatchingMetrics([String])
    case tooManySeries(Int)
    case tooManyThresholds(Int)
    case maxPointsOutOfBounds(Int)
    case textTooLong(field: String, length: Int, limit: Int)
    case controlCharacter(field: String)
    case badColor(String)
    /// A value or a combination of options that cannot be drawn.
    case invalid(field: String, reason: String)
    case badDataDirectory(String)
    /// The metric's RRD file does not exist; the caller decides whether that is fatal.
    case missingMetric(MetricName, path: String)
    /// librrd refused the graph or the fetch; its own message.
    case librrd(String)
    /// JSON encoding failed (it should not: values are finite or null).
    case encodingFailed(String)

    public var description: String {
        switch self {
        case .widthOutOfBounds(let width):
            return "graph width \(width) is out of bounds; use \(GraphLimits.width.lowerBound) to \(GraphLimits.width.upperBound) pixels"
        case .heightOutOfBounds(let height):
            return "graph height \(height) is out of bounds; use \(GraphLimits.height.lowerBound) to \(GraphLimits.height.upperBound) pixels"
        case .emptyRange(let start, let end):
            return "time range start \(start) is not before its end \(end); give a start earlier than the end"
        case .rangeTooLong(let seconds):
            return "time range of \(seconds / 86_400) days is too long; the limit is \(GraphLimits.maxRange / 86_400) days (10 years)"
        case .noSeries:
            return "the graph has no series; add at least one metric"
        case .noMatchingMetrics(let patterns):
            let quoted = patterns.map { "'\($0)'" }.joined(separator: ", ")
            return "no stored metric matches \(quoted); 'metrics list' shows the stored names"
        case .tooManySeries(let count):
            return "the graph has \(count) series; the limit is \(GraphLimits.maxSeries), use a narrower pattern"
        case .tooManyThresholds(let count):
            return "the graph has \(count) thresholds; the limit is \(GraphLimits.maxThresholds)"
        case .maxPointsOutOfBounds(let count):
            return "maxPoints \(count) is out of bounds; use \(GraphLimits.maxPoints.lowerBound) to \(GraphLimits.maxPoints.upperBound)"
        case .textTooLong(let field, let length, let limit):
            return "\(field) is \(length) characters long; the limit is \(limit)"
        case .controlCharacter(let field):
            return "\(field) contains a control character or line break; use plain one-line text"
        case .badColor(let text):
            return "colour '\(text)' is not #RRGGBB or #RRGGBBAA (hex digits)"
        case .invalid(let field, let reason):
            return "\(field): \(reason)"
        case .badDataDirectory(let reason):
            return "data directory \(reason)"
        case .missingMetric(let name, let path):
            return "metric '\(name)' has no data file (\(path)); check the name with 'metrics list'"
        case .librrd(let message):
            return "librrd failed: \(message)"
        case .encodingFailed(let message):
            return "cannot encode series as JSON: \(message)"
        }
    }
}
