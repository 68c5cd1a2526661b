import MetricStore

/// A StatsD metric type, by its wire spelling (case matters: `|C` is refused).
public enum StatsDType: String, Sendable, CaseIterable {
    /// Add `value / sampleRate` to the step's count.
    case counter = "c"
    /// Set the level, or move it by `value` when the wire value has a sign (`isDelta`).
    case gauge = "g"
    case timer = "ms"
    /// Aggregated as a timer.
    case histogram = "h"
    /// Count the distinct members of the step (`setMember`).
    case set = "s"
    /// DogStatsD distribution: aggregated as a timer.
    case distribution = "d"
}

/// One DogStatsD tag, `key:value`; a tag written without `:` has an empty value.
public struct StatsDTag: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String = "") {
        self.key = key
        self.value = value
    }
}

/// One value of one metric from one line (`name:1:2|ms` yields two).
public struct StatsDMetric: Sendable, Equatable {
    /// The line's name with any `tagSegments` appended.
    public var name: MetricName
    public var type: StatsDType
    /// The number as sent (not yet scaled by the sample rate); 0 for sets.
    public var value: Double
    /// The member of a set, as sent (invalid UTF-8 repaired); nil for other types.
    public var setMember: String?
    /// In (0, 1]; 1 when the line has no `@rate`.
    public var sampleRate: Double
    /// A gauge value written with a leading `+` or `-`: a change, not a level.
    public var isDelta: Bool
    /// The line's DogStatsD tags, in order (all of them, including those used as name segments).
    public var tags: [StatsDTag]

    public init(
        name: MetricName, type: StatsDType, value: Double, setMember: String? = nil,
        sampleRate: Double = 1, isDelta: Bool = false, tags: [StatsDTag] = []
    ) {
        self.name = name
        self.type = type
        self.value = value
        self.setMember = setMember
        self.sampleRate = sampleRate
        self.isDelta = isDelta
        self.tags = tags
    }
}

/// What `StatsDParser.parse` found in one datagram or batch of lines.
public struct StatsDParseResult: Sendable, Equatable {
    public var metrics: [StatsDMetric] = []
    /// Refused lines by reason, with the first few of them escaped for the log.
    public var badLines = BadLines()
    /// DogStatsD events (`_e{...}`): recognised and counted, not stored.
    public var events = 0
    /// DogStatsD service checks (`_sc|...`): recognised and counted, not stored.
    public var serviceChecks = 0

    public init() {}
}
