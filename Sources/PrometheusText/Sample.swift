/// One sample line: `metric_name [{labels}] value [timestamp]`.
public struct Sample: Sendable, Equatable {
    /// The metric name as written, e.g. `http_request_duration_seconds_bucket`.
    public var name: String
    /// Labels in the order written, values unescaped (`\\`, `\"`, `\n`).
    public var labels: [Label]
    public var value: Double
    /// Milliseconds since the Unix epoch, when the line carries one.
    public var timestamp: Int64?
    /// The family this sample belongs to: `name` without its `_bucket`/`_sum`/`_count`
    /// (histogram, summary), `_total` (counter) or `_created` (counter, histogram, summary)
    /// suffix when a TYPE line declared that shorter family; otherwise `name` itself.
    public var family: String
    /// The family's declared type, `untyped` when it has no TYPE line.
    public var type: MetricType

    public init(
        name: String, labels: [Label] = [], value: Double, timestamp: Int64? = nil,
        family: String? = nil, type: MetricType = .untyped
    ) {
        self.name = name
        self.labels = labels
        self.value = value
        self.timestamp = timestamp
        self.family = family ?? name
        self.type = type
    }

    /// The value of the first label called `name`, if any (a parsed sample never repeats a name).
    public func label(_ name: String) -> String? {
        for label in labels where label.name == name { return label.value }
        return nil
    }

    /// Like the synthesized `==`, except that two NaN values compare equal, so that a parsed
    /// sample can be checked against an expected one (`NaN` is a legal sample value).
    public static func == (a: Sample, b: Sample) -> Bool {
        a.name == b.name && a.labels == b.labels && a.timestamp == b.timestamp
            && a.family == b.family && a.type == b.type
            && (a.value == b.value || (a.value.isNaN && b.value.isNaN))
    }
}
