import Curl
import DeployImpact
import EventStore
import Foundation
import Logging
import MetricStore
import Synchronization

/// Sends `regression` verdicts to the configured webhook as JSON: `text` (one line a chat robot
/// can post as is), `event` and `impact`. One attempt each, with a short timeout: a verdict is
/// news for minutes, and a webhook that is down must not make the daemon retry in a storm.
/// Failures are logged at most once a minute, with how many were held back.
final class ImpactWebhook: Sendable {
    let url: URL
    let client: HTTPClient
    let logger: Logger
    private let failures = Mutex(RateLimitedLog(interval: 60))

    init(url: URL, client: HTTPClient, logger: Logger) {
        self.url = url
        self.client = client
        self.logger = logger
    }

    func send(_ event: Event, _ impact: DeployImpactResult) async {
        let body = "{\"text\":\(Self.quoted(Self.text(event, impact))),\"event\":\(Self.eventJSON(event)),\"impact\":\(impact.jsonText())}"
        let request = HTTPRequest(url: url.absoluteString, method: .post, headers: [HTTPHeader(name: "Content-Type", value: "application/json")],
                                  body: Array(body.utf8), connectTimeout: .seconds(3), totalTimeout: .seconds(5),
                                  maxBodyBytes: 64 << 10, maxRedirects: 0)
        do {
            let response = try await client.perform(request)
            if !(200..<300).contains(response.status) { failed("answered HTTP \(response.status)") }
        } catch {
            failed("\(error)")
        }
    }

    private func failed(_ reason: String) {
        guard let suppressed = failures.withLock({ $0.shouldLog(now: Int(Date().timeIntervalSince1970)) }) else { return }
        let more = suppressed > 0 ? " (\(suppressed) more failed in the last minute)" : ""
        logger.warning("impact webhook \(url.host ?? ""): a regression verdict was not delivered: \(reason)\(more)")
    }

    /// `regression after web v1.4.2 (service web): app.web.http.5xx 2.01 -> 9.87 (x4.9)`.
    static func text(_ event: Event, _ impact: DeployImpactResult) -> String {
        var line = "\(impact.verdict.rawValue) after \(event.what)"
        if let service = event.tags["service"] { line += " (service \(service))" }
        if let worst = impact.worst, let expected = worst.expected, let after = worst.after {
            line += ": \(worst.metric) \(format(expected)) -> \(format(after))"
            if let ratio = worst.ratio, ratio.isFinite { line += " (x\(format(ratio)))" }
        }
        return line
    }

    private static func format(_ value: Double) -> String { String(format: "%.3g", value) }

    private static func quoted(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    private static func eventJSON(_ event: Event) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(event)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
