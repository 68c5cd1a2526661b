import Curl
import MetricStore

/// Sends one batch body to the central daemon's `POST /api/v1/samples` and sorts the answer
/// into delivered, retry later (keep it buffered), or rejected (the central will never take it).
struct Uplink: Sendable {
    let url: String
    let token: String?
    let host: String
    let machineID: String
    let client: HTTPClient
    let timeout: Duration

    enum Outcome: Equatable {
        case delivered
        /// Keep the batch and try again later; the text says why and what to do.
        case retry(String)
        /// The central refused this body for good (malformed, too large): drop it, log why.
        case rejected(String)
    }

    func send(_ body: [UInt8]) async -> Outcome {
        var headers = [
            HTTPHeader(name: "Content-Type", value: "application/json"),
            HTTPHeader(name: AgentBatch.hostHeader, value: host),
            HTTPHeader(name: AgentBatch.machineHeader, value: machineID),
        ]
        if let token { headers.append(HTTPHeader(name: "Authorization", value: "Bearer \(token)")) }
        let request = HTTPRequest(url: url + AgentBatch.path, method: .post, headers: headers, body: body,
                                  connectTimeout: min(timeout, .seconds(5)), totalTimeout: timeout, maxBodyBytes: 1 << 16, maxRedirects: 0)
        let response: HTTPResponse
        do { response = try await client.perform(request) } catch {
            return .retry("the central at \(url) is unreachable: \(error)")
        }
        let answer = String(decoding: response.body.prefix(300), as: UTF8.self)
        switch response.status {
        case 200..<300: return .delivered
        case 401, 403:
            return .retry("the central at \(url) refused the token (HTTP \(response.status)): set central.token_env or central.token_file to the central's http write token; batches stay buffered meanwhile")
        case 404:
            return .retry("the central at \(url) has no \(AgentBatch.path) (HTTP 404): is it a metrics daemon of this version?")
        case 409:
            return .retry("the central at \(url) refused host name '\(host)' (HTTP 409): \(answer); give this host another host_name")
        case 400, 413, 422:
            return .rejected("the central at \(url) rejected a batch (HTTP \(response.status)): \(answer)")
        default:
            return .retry("the central at \(url) answered HTTP \(response.status): \(answer)")
        }
    }
}
