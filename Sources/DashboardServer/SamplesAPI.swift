import Foundation
import Hummingbird
import Logging
import MetricStore
import HTTPTypes

/// `POST /api/v1/samples`: batches from agents (`metrics serve --role agent`), written as if
/// collected here: each series keeps its kind and timestamps. A re-sent batch is harmless: the
/// writer drops points at or before a file's last update and counts them as `late`.
struct SamplesAPI: Sendable {
    let writer: MetricWriter
    let token: String?
    let claims: HostClaims
    let logger: Logger
    static let maxBody = 8 << 20

    init(writer: MetricWriter, token: String?, claims: HostClaims, logger: Logger) {
        (self.writer, self.token, self.claims, self.logger) = (writer, token, claims, logger)
    }

    func handle(_ request: Request) async throws -> Response {
        guard PushAPI.isAuthorized(request, token: token) else {
            return PushAPI.json(.unauthorized, ["error": "send the central's write token as 'Authorization: Bearer <token>' (central.token_env on the agent)"])
        }
        let host = request.headers[HTTPField.Name(AgentBatch.hostHeader)!] ?? ""
        let machine = request.headers[HTTPField.Name(AgentBatch.machineHeader)!] ?? ""
        guard HostName.isSegment(host), AgentBatch.isValidMachineID(machine) else {
            return PushAPI.json(.badRequest, ["error": "send \(AgentBatch.hostHeader) (one name segment) and \(AgentBatch.machineHeader) (1 to 64 of [A-Za-z0-9-])"])
        }
        if case .conflict(let owner, let age) = claims.claim(host: host, machine: machine) {
            warnOnce(host, machine, "host name '\(host)' is claimed by machine \(owner) (last batch \(age) s ago) and now also by machine \(machine): the second machine's batches are refused until one of them gets another host_name (or the first stays silent for \(claims.lapse) s)")
            return PushAPI.json(.conflict, ["error": "host name '\(host)' belongs to another machine (\(owner)); set another host_name on this agent"])
        }
        var request = request
        let body: [UInt8]
        do { body = Array(try await request.collectBody(upTo: Self.maxBody).readableBytesView) } catch {
            return PushAPI.json(.contentTooLarge, ["error": "a batch is at most \(Self.maxBody) bytes"])
        }
        let samples: [Sample]
        do {
            let batch = try JSONDecoder().decode(AgentBatch.self, from: Data(body))
            guard batch.host == host else {
                return PushAPI.json(.badRequest, ["error": "the body's host '\(batch.host)' differs from \(AgentBatch.hostHeader) '\(host)'"])
            }
            samples = try batch.samples()
        } catch {
            return PushAPI.json(.badRequest, ["error": "not a batch of samples: \(error)"])
        }
        let result = await writer.submit(samples)
        // Acknowledge only what is in the files: the agent deletes a batch once answered 2xx,
        // and a central killed before its next flush must not lose it.
        await writer.flush()
        let refused = Dictionary(uniqueKeysWithValues: result.refused.map { ($0.key.rawValue, $0.value) })
        if result.refused[.queueFull] != nil {
            // The accepted part is stored; the agent re-sends the whole batch, whose stored points are then late.
            var response = PushAPI.json(.serviceUnavailable, Answer(accepted: result.accepted, refused: refused))
            response.headers[.retryAfter] = "5"
            return response
        }
        return PushAPI.json(.ok, Answer(accepted: result.accepted, refused: refused))
    }

    struct Answer: Encodable {
        var accepted: Int
        var refused: [String: Int]
    }

    private func warnOnce(_ host: String, _ machine: String, _ message: String) {
        guard claims.firstWarning(host: host, machine: machine) else { return }
        logger.warning("\(message)")
    }
}
