import EventStore
import Foundation
import GraphiteAPI
import Hummingbird

/// Graphite's `/events/get_data?from=&until=&tags=`, what Grafana's annotations read:
/// `[{"when", "what", "tags": [...], "data", "id"}]`, oldest first.
///
/// Tags are Graphite words, space or comma separated, mapped as `POST /events/` maps them:
/// `key=value` (or `key:value`) is that tag, a kind word (`deploy`, `rollback`, ...) is
/// `kind=<word>`, any other word `w` is `w=true`. Every tag must match (`set=union`: any).
struct GraphiteEvents: Sendable {
    let events: EventStoreQueue?
    static let limit = 1_000

    func list(_ parameters: GraphiteParameters, now: Int = Int(Date().timeIntervalSince1970)) async throws(HTTPProblem) -> Response {
        guard let events else { throw HTTPProblem(status: .serviceUnavailable, message: "events are not enabled on this daemon") }
        let range: (start: Int, end: Int)
        do { range = try GraphiteTime.range(from: parameters.get("from"), until: parameters.get("until"), now: now) } catch {
            throw .badRequest(error.description)
        }
        let words = parameters.all("tags").flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "," }) }.map(String.init)
        let filters: [TagFilter]
        do { filters = try words.map { word throws(EventError) in try Self.filter(word) } } catch { throw .badRequest("tags: \(error)") }
        var found: [Int64: Event] = [:]
        do {
            let union = parameters.get("set")?.lowercased() == "union" && filters.count > 1
            for group in union ? filters.map({ [$0] }) : [filters] {
                for event in try await events.events(from: range.start, until: range.end, tags: group, limit: Self.limit) { found[event.id] = event }
            }
        } catch {
            throw EventsAPI.problem(error)
        }
        struct Item: Encodable { var when: Int, what: String, tags: [String], data: String, id: Int64 }
        let items = found.values.sorted { ($0.start, $0.id) < ($1.start, $1.id) }.map { event in
            Item(when: event.start, what: event.what, tags: Self.words(event.tags), data: event.link ?? "", id: event.id)
        }
        return JSONResponse.make(items)
    }

    static func filter(_ word: String) throws(EventError) -> TagFilter {
        if let separator = word.firstIndex(where: { $0 == "=" || $0 == ":" }) {
            return try TagFilter(key: String(word[..<separator]), value: String(word[word.index(after: separator)...]))
        }
        if GraphiteEventBody.kinds.contains(word.lowercased()) { return try TagFilter(key: EventLimits.kindTag, value: word.lowercased()) }
        return try TagFilter(key: word, value: "true")
    }

    /// The event's tags as Graphite words: the words it was posted with, when it came through
    /// `POST /events/`; otherwise `kind` as its value, `w=true` as `w`, others as `key=value`.
    static func words(_ tags: [String: String]) -> [String] {
        if let original = tags["graphite_tags"] { return original.split(separator: " ").map(String.init) }
        return tags.map { key, value in
            key == EventLimits.kindTag ? value : value == "true" ? key : "\(key)=\(value)"
        }.sorted()
    }
}
