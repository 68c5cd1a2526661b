import DeployImpact
import DeployJudge
import EventStore
import Foundation
import GraphRender
import Hummingbird
import TimeSyntax

/// The event endpoints: `POST /api/v1/events` and Graphite's `POST /events/` record (write
/// token, the push API's rule); `GET /api/v1/events` lists (read token). Without a store (it
/// failed to open) they answer 503 with the reason.
struct EventsAPI: Sendable {
    let events: EventStoreQueue?
    let unavailable: String
    let writeToken: String?
    let access: ReadAccess
    static let maxBody = 256 << 10
    /// The default listing range when `from` is not given.
    static let defaultFrom = "-7d"

    func record(_ request: Request, graphite: Bool) async -> Response {
        guard PushAPI.isAuthorized(request, token: writeToken) else {
            return HTTPProblem(status: .unauthorized, message: "send the write token as 'Authorization: Bearer <token>'").response(json: true)
        }
        guard let events else { return HTTPProblem(status: .serviceUnavailable, message: unavailable).response(json: true) }
        var request = request
        let bytes: [UInt8]
        do {
            bytes = Array(try await request.collectBody(upTo: Self.maxBody).readableBytesView)
        } catch {
            return HTTPProblem(status: .contentTooLarge, message: "the body is larger than \(Self.maxBody) bytes").response(json: true)
        }
        let now = Int(Date().timeIntervalSince1970)
        do {
            let event = graphite ? try GraphiteEventBody.parse(bytes, now: now) : try EventBody.api(bytes, now: now)
            let stored = try await events.record(event)
            // graphite-web answers 200; clients of our own API get 201 Created.
            return JSONResponse.make(stored, status: graphite ? .ok : .created)
        } catch let problem as EventBody.Problem {
            return HTTPProblem.badRequest(problem.description).response(json: true)
        } catch let error as EventError {
            return Self.problem(error).response(json: true)
        } catch {
            return HTTPProblem(status: .internalServerError, message: "\(error)").response(json: true)
        }
    }

    func list(_ request: Request) async -> Response {
        do throws(HTTPProblem) {
            try access.check(request)
            guard let events else { throw HTTPProblem(status: .serviceUnavailable, message: unavailable) }
            let parameters = request.uri.queryParameters
            let now = Int(Date().timeIntervalSince1970)
            let from = try Self.time(parameters.get("from") ?? Self.defaultFrom, "from", now: now)
            let until = try Self.time(parameters.get("until") ?? "now", "until", now: now)
            let limit = try GraphQuery(request).integer("limit", default: 1_000, 1...EventLimits.maxQueryLimit)
            let filters: [TagFilter]
            do { filters = try parameters.getAll("tag").map { text throws(EventError) in try TagFilter(parsing: text) } } catch { throw Self.problem(error) }
            let found: [Event]
            let impacts: [Int64: String]
            do {
                found = try await events.events(from: from, until: until, tags: filters, limit: limit)
                impacts = try await events.impacts(of: found.map(\.id))
            } catch { throw Self.problem(error) }
            return JSONResponse.make(["events": found.map { JudgedEvent(event: $0, impact: impacts[$0.id].flatMap(DeployImpactResult.init(jsonText:))) }])
        } catch {
            return error.response(json: true)
        }
    }

    static func time(_ text: String, _ name: String, now: Int) throws(HTTPProblem) -> Int {
        do { return try TimeSyntax.time(text, now: now) } catch { throw .badRequest("\(name)=\(GraphQuery.shown(text)): \(error)") }
    }

    static func problem(_ error: EventError) -> HTTPProblem {
        switch error {
        case .busy, .unreadable, .newerSchema, .storage: HTTPProblem(status: .serviceUnavailable, message: error.description)
        default: .badRequest(error.description)
        }
    }
}
