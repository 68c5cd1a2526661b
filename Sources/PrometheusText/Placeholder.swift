// Temporary: replaced by the real parser.
public enum MetricType: String, Sendable, CaseIterable { case counter, gauge, histogram, summary, untyped }
public struct Label: Sendable, Hashable { public var name: String; public var value: String }
public struct Sample: Sendable, Equatable {
    public var name: String
    public var labels: [Label]
    public var value: Double
    public var timestamp: Int64?
    public var family: String
    public var type: MetricType
    public func label(_ name: String) -> String? { labels.first { $0.name == name }?.value }
}
public struct ParseIssue: Sendable, Equatable, CustomStringConvertible { public var line: Int; public var message: String; public var description: String { "line \(line): \(message)" } }
public struct Exposition: Sendable {
    public var samples: [Sample] = []
    public var help: [String: String] = [:]
    public var types: [String: MetricType] = [:]
    public var issues: [ParseIssue] = []
    public var issueCount = 0
    public var droppedSamples = 0
    public static func parse(_ bytes: [UInt8], maxSamples: Int = 1_000_000) -> Exposition { Exposition() }
}
