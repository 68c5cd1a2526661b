import Foundation
import Hummingbird
import IngestListeners
import MetricStore
import StatsD

/// `POST /api/v1/push`: numbers pushed by scripts and applications.
///
/// A JSON body is a list (or `{"metrics": [...]}`) of `{"name", "value", "type"?, "timestamp"?}`:
/// `type` is `gauge` (a level, the default) or `counter` (an increment, aggregated per step like a
/// StatsD `c`); a gauge with a `timestamp` (epoch seconds) is stored at that time. Any other body
/// is read as StatsD lines (`signups:1|c`). Timestamps are floored to the step. The answer says how many entries were accepted and,
/// for every refused one, why.
struct PushAPI: Sendable {
    let statsd: StatsDIngest
    let writer: MetricWriter
    /// Required as `Authorization: Bearer <token>` when set.
    let token: String?
    /// Timestamps are floored to the step, as Graphite points are, so that a row is complete.
    let step: Int
    static let maxBody = 1 << 20

    struct Refusal: Encodable {
        var index: Int
        var name: String?
        var reason: String
    }

    struct Answer: Encodable {
        var accepted: Int
        var refused: [Refusal]
    }

    func handle(_ request: Request) async throws -> Response {
        guard isAuthorized(request) else {
            return Self.json(.unauthorized, ["error": "send the write token as 'Authorization: Bearer <token>'"])
        }
        var request = request
        let body = try await request.collectBody(upTo: Self.maxBody)
        let bytes = Array(body.readableBytesView)
        let isJSON = request.headers[.contentType]?.lowercased().contains("json") ?? (bytes.first == UInt8(ascii: "[") || bytes.first == UInt8(ascii: "{"))
        let answer = isJSON ? await pushJSON(bytes) : pushStatsD(bytes)
        let status: HTTPResponse.Status = answer.accepted == 0 && !answer.refused.isEmpty ? .badRequest : .ok
        return Self.json(status, answer)
    }

    private func isAuthorized(_ request: Request) -> Bool { Self.isAuthorized(request, token: token) }

    /// The write rule shared by every write endpoint (push, events): `Bearer <token>` when a token is set.
    static func isAuthorized(_ request: Request, token: String?) -> Bool {
        guard let token else { return true }
        let presented = request.headers[.authorization] ?? ""
        return Self.constantTimeEqual(Array(presented.utf8), Array("Bearer \(token)".utf8))
    }

    private func pushStatsD(_ bytes: [UInt8]) -> Answer {
        let result = bytes.withUnsafeBytes { statsd.ingest($0) }
        var refused: [Refusal] = []
        for (index, example) in result.badLines.examples.enumerated() { refused.append(Refusal(index: index, name: nil, reason: example)) }
        let counted = result.badLines.total
        if counted > refused.count { refused.append(Refusal(index: -1, name: nil, reason: "\(counted - refused.count) more bad lines")) }
        return Answer(accepted: result.values, refused: refused)
    }

    private func pushJSON(_ bytes: [UInt8]) async -> Answer {
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            return Answer(accepted: 0, refused: [Refusal(index: -1, name: nil, reason: "the body is not JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error)")])
        }
        guard let entries = (document as? [Any]) ?? ((document as? [String: Any])?["metrics"] as? [Any]) else {
            return Answer(accepted: 0, refused: [Refusal(index: -1, name: nil, reason: "expected a list of {name, value, type, timestamp} or {\"metrics\": [...]}")])
        }
        var answer = Answer(accepted: 0, refused: [])
        var increments: [StatsDMetric] = []
        var timed: [Sample] = []
        var levels: [StatsDMetric] = []
        for (index, entry) in entries.enumerated() {
            switch PushEntry.parse(entry) {
            case .failure(let refusal):
                answer.refused.append(Refusal(index: index, name: (entry as? [String: Any])?["name"] as? String, reason: refusal.description))
            case .success(let parsed):
                switch parsed {
                case .increment(let metric): increments.append(metric)
                case .level(let metric): levels.append(metric)
                case .timed(var sample):
                    sample.time = sample.time / max(step, 1) * max(step, 1)
                    timed.append(sample)
                }
                answer.accepted += 1
            }
        }
        statsd.add(increments + levels)
        if !timed.isEmpty {
            let result = await writer.submit(timed)
            if result.accepted < timed.count {
                answer.accepted -= timed.count - result.accepted
                for (reason, count) in result.refused {
                    answer.refused.append(Refusal(index: -1, name: nil, reason: "\(count) timestamped value(s) refused: \(reason.rawValue)"))
                }
            }
        }
        return answer
    }

    static func json<T: Encodable>(_ status: HTTPResponse.Status, _ value: T) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// One JSON push entry, validated.
enum PushEntry {
    case increment(StatsDMetric)
    case level(StatsDMetric)
    case timed(Sample)

    struct Problem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func parse(_ entry: Any) -> Result<PushEntry, Problem> {
        guard let object = entry as? [String: Any] else { return .failure(Problem("expected an object with name and value")) }
        guard let text = object["name"] as? String else { return .failure(Problem("missing name")) }
        let name: MetricName
        do { name = try MetricName(text) } catch { return .failure(Problem("\(error)")) }
        guard let number = object["value"] as? NSNumber, String(describing: type(of: object["value"]!)).contains("Boolean") == false else {
            return .failure(Problem("value must be a number"))
        }
        let value = number.doubleValue
        guard value.isFinite else { return .failure(Problem("value must be finite")) }
        let kind = (object["type"] as? String) ?? "gauge"
        switch (kind, object["timestamp"]) {
        case ("counter", nil):
            return .success(.increment(StatsDMetric.counter(name, value)))
        case ("counter", _):
            return .failure(Problem("a counter is an increment added to the current step; send it without a timestamp"))
        case ("gauge", nil):
            return .success(.level(StatsDMetric.gauge(name, value)))
        case ("gauge", let stamp?):
            guard let time = stamp as? NSNumber, time.doubleValue == time.doubleValue.rounded(), time.doubleValue > 0 else {
                return .failure(Problem("timestamp must be whole epoch seconds"))
            }
            return .success(.timed(Sample(name: name, kind: .gauge, time: time.intValue, value: value)))
        default:
            return .failure(Problem("type must be counter or gauge"))
        }
    }
}
