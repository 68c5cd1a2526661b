import DeployImpact
import EventStore

/// An event as `GET /api/v1/events` and `metrics deploys --impact --format json` list it: its
/// own fields, plus `impact` once judged (deploys of a service with configured error signals).
public struct JudgedEvent: Encodable, Sendable {
    public var event: Event
    public var impact: DeployImpactResult?

    public init(event: Event, impact: DeployImpactResult?) {
        self.event = event
        self.impact = impact
    }

    enum CodingKeys: String, CodingKey { case impact }

    public func encode(to encoder: any Encoder) throws {
        try event.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(impact, forKey: .impact)
    }
}
