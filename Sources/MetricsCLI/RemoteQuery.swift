import Curl
import Foundation
import GraphRender
import TerminalQuery

/// `metrics query --server URL`: the same query through the daemon's `GET /api/v1/series`.
struct RemoteQuery {
    var server: String
    var query: LocalQuery

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func run() async throws(Failure) -> QueryResult {
        let url = try self.url()
        let client = HTTPClient()
        defer { client.shutdown() }
        let response: HTTPResponse
        do {
            response = try await client.perform(HTTPRequest(url: url, totalTimeout: .seconds(30), maxBodyBytes: 256 << 20))
        } catch {
            throw Failure(description: "cannot reach the daemon at \(server): \(error); is 'metrics serve' running there?")
        }
        guard response.status == 200 else {
            let message = (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])?["error"] as? String
            throw Failure(description: "the daemon answered HTTP \(response.status): \(message ?? String(decoding: response.body.prefix(300), as: UTF8.self))")
        }
        do {
            let data = try JSONDecoder().decode(SeriesData.self, from: Data(response.body))
            return QueryResult(patterns: query.patterns, data: data)
        } catch {
            throw Failure(description: "the daemon's answer is not series JSON: \(error)")
        }
    }

    private func url() throws(Failure) -> String {
        guard var components = URLComponents(string: server.trimmingCharacters(in: CharacterSet(charactersIn: "/"))),
              ["http", "https"].contains(components.scheme ?? "") else {
            throw Failure(description: "--server is a URL like http://127.0.0.1:8080, not '\(server.prefix(100))'")
        }
        components.path += "/api/v1/series"
        var items = query.patterns.map { URLQueryItem(name: "metric", value: $0) }
        items += [URLQueryItem(name: "from", value: "\(query.start)"), URLQueryItem(name: "until", value: "\(query.end)"),
                  URLQueryItem(name: "cf", value: query.cf.rawValue)]
        if let maxPoints = try? query.pointsPerSeries(series: query.limit) { items.append(URLQueryItem(name: "maxPoints", value: "\(maxPoints)")) }
        components.queryItems = items
        guard let url = components.string else { throw Failure(description: "cannot build a URL from '\(server.prefix(100))'") }
        return url
    }
}
