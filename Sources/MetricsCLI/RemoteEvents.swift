import Curl
import EventStore
import Foundation

/// `metrics deploy --server URL` and `metrics deploys --server URL`: the same through the
/// daemon's `POST /api/v1/events` and `GET /api/v1/events`, for machines without the data
/// directory (a CI runner). The token ($METRICS_TOKEN or --token-file) goes as a Bearer token:
/// the write token for `deploy`, the read token (when the daemon has one) for `deploys`.
struct RemoteEvents {
    var server: String
    var token: String?

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends the event (times already resolved to epoch seconds); returns it as stored.
    func record(_ event: NewEvent) async throws(Failure) -> Event {
        var body: [String: Any] = ["what": event.what, "tags": event.tags, "start": event.start]
        if let end = event.end { body["end"] = end }
        if let who = event.who { body["who"] = who }
        if let link = event.link { body["link"] = link }
        let data = (try? JSONSerialization.data(withJSONObject: body)) ?? Data()
        let response = try await perform(try url("/api/v1/events", []), method: .post, body: Array(data))
        guard response.status == 201 else { throw refusal(response) }
        return try decode(Event.self, response)
    }

    func events(from: Int, until: Int, tags: [TagFilter], limit: Int) async throws(Failure) -> [Event] {
        var items = [URLQueryItem(name: "from", value: "\(from)"), URLQueryItem(name: "until", value: "\(until)"),
                     URLQueryItem(name: "limit", value: "\(limit)")]
        items += tags.map { URLQueryItem(name: "tag", value: $0.description) }
        let response = try await perform(try url("/api/v1/events", items), method: .get, body: [])
        guard response.status == 200 else { throw refusal(response) }
        struct Answer: Decodable { var events: [Event] }
        return try decode(Answer.self, response).events
    }

    /// The token from `--token-file`, else `$METRICS_TOKEN`, as `metrics push` reads it.
    static func token(file: String?) throws(Failure) -> String? {
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw Failure(description: "cannot read --token-file \(file)") }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return ProcessInfo.processInfo.environment["METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    }

    private func perform(_ url: String, method: HTTPRequest.Method, body: [UInt8]) async throws(Failure) -> HTTPResponse {
        var headers = [HTTPHeader(name: "Content-Type", value: "application/json")]
        if let token { headers.append(HTTPHeader(name: "Authorization", value: "Bearer \(token)")) }
        let client = HTTPClient()
        defer { client.shutdown() }
        do {
            return try await client.perform(HTTPRequest(url: url, method: method, headers: headers, body: body, totalTimeout: .seconds(30),
                                                        maxBodyBytes: 64 << 20))
        } catch {
            throw Failure(description: "cannot reach the daemon at \(server): \(error); is 'metrics serve' running there?")
        }
    }

    private func url(_ path: String, _ items: [URLQueryItem]) throws(Failure) -> String {
        guard var components = URLComponents(string: server.trimmingCharacters(in: CharacterSet(charactersIn: "/"))),
              ["http", "https"].contains(components.scheme ?? "") else {
            throw Failure(description: "--server is a URL like http://127.0.0.1:8080, not '\(server.prefix(100))'")
        }
        components.path += path
        if !items.isEmpty { components.queryItems = items }
        guard let url = components.string else { throw Failure(description: "cannot build a URL from '\(server.prefix(100))'") }
        return url
    }

    private func refusal(_ response: HTTPResponse) -> Failure {
        let message = (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])?["error"] as? String
        return Failure(description: "the daemon answered HTTP \(response.status): \(message ?? String(decoding: response.body.prefix(300), as: UTF8.self))")
    }

    private func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponse) throws(Failure) -> T {
        do { return try JSONDecoder().decode(type, from: Data(response.body)) } catch {
            throw Failure(description: "the daemon's answer is not event JSON: \(error)")
        }
    }
}
