/// Something that happened on the timeline: a deploy, a rollback, a flag flip, a config change,
/// an incident. Graphs draw it as a vertical rule (or, with an end, a shaded band between two
/// rules); JSON series list it. The event store (module EventStore) keeps them; callers pass them in.
///
/// The label is outside text (from a CI job, a person): it is kept verbatim here and made safe
/// where it is shown (escaped and cut for rrd_graph; HTML-escaped by web pages).
public struct TimelineEvent: Sendable, Equatable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case deploy, rollback, flag, config, incident
    }

    /// Epoch seconds.
    public var start: Int
    /// Epoch seconds, after `start`, for events that last (an incident, a rollout); nil for a moment.
    public var end: Int?
    public var kind: Kind
    /// A short text such as `api v1.4.2`.
    public var label: String

    public init(start: Int, end: Int? = nil, kind: Kind, label: String) {
        self.start = start
        self.end = end
        self.kind = kind
        self.label = label
    }

    /// True when any part of the event lies within `start...end`.
    public func overlaps(start rangeStart: Int, end rangeEnd: Int) -> Bool {
        start <= rangeEnd && (end ?? start) >= rangeStart
    }

    // Encoded with an explicit `"end": null` so that the JSON shape does not vary.
    private enum CodingKeys: String, CodingKey { case start, end, kind, label }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(kind, forKey: .kind)
        try container.encode(label, forKey: .label)
    }
}
