import MetricStore

/// One value of a good StatsD line, as the parser hands it to a `StatsDSink`.
public struct StatsDValue: Sendable, Equatable {
    public var type: StatsDType
    /// The number as sent (not yet scaled by the sample rate); 0 for sets.
    public var value: Double
    /// In (0, 1]; 1 when the line has no `@rate`.
    public var sampleRate: Double
    /// A gauge value written with a leading `+` or `-`: a change, not a level.
    public var isDelta: Bool
    /// For sets, where the member lies in the line passed with the value.
    public var member: Range<Int>

    public init(type: StatsDType, value: Double, sampleRate: Double = 1, isDelta: Bool = false, member: Range<Int> = 0..<0) {
        self.type = type
        self.value = value
        self.sampleRate = sampleRate
        self.isDelta = isDelta
        self.member = member
    }
}

/// Where `StatsDParser` puts the values of each good line. The aggregator is a sink, so a
/// datagram is aggregated as it is parsed, without building a `String` per known name.
public protocol StatsDSink {
    /// The values of one good line. `name` is the metric name's UTF-8 bytes (tag segments
    /// appended); `line` holds the set members. Returns false when `name` is not a valid
    /// `MetricName`: the line is then refused (`bad_name`) and the sink must have kept nothing.
    mutating func accept(name: UnsafeRawBufferPointer, values: [StatsDValue], line: UnsafeRawBufferPointer, tags: [StatsDTag]) -> Bool
}

/// What a parse into a sink found besides the values.
public struct StatsDParseSummary: Sendable, Equatable {
    /// Values handed to the sink.
    public var values = 0
    /// Refused lines by reason, with the first few of them escaped for the log.
    public var badLines = BadLines()
    /// DogStatsD events (`_e{...}`) parsed.
    public var events = 0
    /// The parsed events, for the caller to record.
    public var parsedEvents: [DogStatsDEvent] = []
    /// DogStatsD service checks (`_sc|...`): recognised and counted, not stored.
    public var serviceChecks = 0

    public init() {}
}

/// The sink behind `StatsDParser.parse(_:tagSegments:) -> StatsDParseResult`: one
/// `StatsDMetric` per value.
struct MetricCollector: StatsDSink {
    var metrics: [StatsDMetric] = []

    mutating func accept(name: UnsafeRawBufferPointer, values: [StatsDValue], line: UnsafeRawBufferPointer, tags: [StatsDTag]) -> Bool {
        guard let name = try? MetricName(String(decoding: name, as: UTF8.self)) else { return false }
        for value in values {
            let member = value.type == .set
                ? String(decoding: UnsafeRawBufferPointer(rebasing: line[value.member]), as: UTF8.self) : nil
            metrics.append(StatsDMetric(
                name: name, type: value.type, value: value.value, setMember: member,
                sampleRate: value.sampleRate, isDelta: value.isDelta, tags: tags))
        }
        return true
    }
}
