/// Something that happened on the timeline, as stored: a deploy, a rollback, a feature-flag
/// flip, a configuration change, an incident. Text fields hold outside text verbatim; every sink
/// (rrd_graph, HTML, terminal) makes it safe where it is shown.
public struct Event: Sendable, Equatable, Hashable, Codable, Identifiable {
    /// Assigned by the store; never reused.
    public var id: Int64
    /// Epoch seconds.
    public var start: Int
    /// Epoch seconds, at or after `start`, for events that last (a rollout, an incident).
    public var end: Int?
    /// What happened, e.g. `web v1.4.2`.
    public var what: String
    /// Who did it: a person or a pipeline.
    public var who: String?
    /// Keys such as `service`, `environment`, `kind`; see `EventLimits` for what is accepted.
    public var tags: [String: String]
    /// An http(s) link to the commit, pipeline or incident.
    public var link: String?
    public var source: EventSource
    /// Epoch seconds when the store acknowledged it.
    public var created: Int

    public init(
        id: Int64, start: Int, end: Int? = nil, what: String, who: String? = nil, tags: [String: String] = [:],
        link: String? = nil, source: EventSource, created: Int
    ) {
        self.id = id
        self.start = start
        self.end = end
        self.what = what
        self.who = who
        self.tags = tags
        self.link = link
        self.source = source
        self.created = created
    }

    /// The `kind` tag, lower-cased; events without one are deploys.
    public var kind: String { tags[EventLimits.kindTag]?.lowercased() ?? EventLimits.defaultKind }

    /// True when any part of the event lies within `from...until`.
    public func overlaps(from: Int, until: Int) -> Bool {
        start <= until && (end ?? start) >= from
    }

    // Optional fields are encoded as explicit nulls so that the JSON shape does not vary.
    private enum CodingKeys: String, CodingKey { case id, start, end, what, who, tags, link, source, created }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(what, forKey: .what)
        try container.encode(who, forKey: .who)
        try container.encode(tags, forKey: .tags)
        try container.encode(link, forKey: .link)
        try container.encode(source, forKey: .source)
        try container.encode(created, forKey: .created)
    }
}

/// The way an event came in.
public enum EventSource: String, Sendable, Hashable, Codable, CaseIterable {
    case cli, api, graphite, dogstatsd
}

/// An event to record: an `Event` before the store gives it an id and a creation time.
public struct NewEvent: Sendable, Equatable, Hashable {
    public var start: Int
    public var end: Int?
    public var what: String
    public var who: String?
    public var tags: [String: String]
    public var link: String?
    public var source: EventSource

    public init(
        start: Int, end: Int? = nil, what: String, who: String? = nil, tags: [String: String] = [:],
        link: String? = nil, source: EventSource
    ) {
        self.start = start
        self.end = end
        self.what = what
        self.who = who
        self.tags = tags
        self.link = link
        self.source = source
    }
}
