import DeployImpact
import EventStore

/// An event as `GET /api/v1/events` lists it: its own fields, plus `impact` once the daemon
/// has judged it (deploys of a service with configured error signals).
struct JudgedEvent: Encodable {
    var event: Event
    var impact: DeployImpactResult?

    enum CodingKeys: String, CodingKey { case impact }

    func encode(to encoder: any Encoder) throws {
        try event.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(impact, forKey: .impact)
    }
}
