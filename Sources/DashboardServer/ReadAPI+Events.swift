import Dashboards
import EventStore
import GraphRender
import Hummingbird

extension ReadAPI {
    /// Most events one graph or series answer asks the store for (the renderer draws the latest
    /// `GraphLimits.maxEvents` of them).
    static let maxEventsPerGraph = 500

    /// The events a graph of `start...end` shows, oldest first. A store that fails (locked,
    /// corrupt) costs the events, not the graph; a bad tag filter is the caller's error.
    func timeline(_ filter: EventFilter, start: Int, end: Int) async throws(HTTPProblem) -> [TimelineEvent] {
        guard let events = settings.events else { return [] }
        let tags: [TagFilter]
        switch filter {
        case .none: return []
        case .all: tags = []
        case .tags(let texts):
            do { tags = try texts.map { text throws(EventError) in try TagFilter(parsing: text) } } catch { throw .badRequest("events tag: \(error)") }
        }
        do {
            return try await events.events(from: start, until: end, tags: tags, limit: Self.maxEventsPerGraph).reversed().map(TimelineEvent.init)
        } catch {
            return []
        }
    }

    /// Ad-hoc graphs and series: `events=false` draws none, `event_tag=KEY=VALUE` (repeatable) some.
    static func eventFilter(_ query: GraphQuery) throws(HTTPProblem) -> EventFilter {
        switch query.parameters.get("events")?.lowercased() {
        case nil, "true": break
        case "false": return .none
        case let other?: throw .badRequest("events=\(GraphQuery.shown(other)): use events=false or leave it out")
        }
        let tags = query.parameters.getAll("event_tag")
        return tags.isEmpty ? .all : .tags(tags)
    }
}
