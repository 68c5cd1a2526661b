import CollectorCore
import Curl
import Foundation
import Logging
import MetricStore

/// Scrapes one configured endpoint each interval: an HTTP check, a JSON document or a Prometheus
/// exposition. Every endpoint shares one ``HTTPClient`` (one libcurl multi handle on its own
/// thread), so all endpoints are fetched concurrently. A failed scrape yields `<prefix>.up` = 0
/// and one rate-limited log line; it never throws, so the scheduler keeps its success at 1 only
/// when the collector itself works.
public final class EndpointCollector: Collector {
    public let id: String
    public let interval: Int?
    public let endpoint: Endpoint
    let client: HTTPClient
    let failures: FailureLog
    let bodyRegex: NSRegularExpression?

    public init(endpoint: Endpoint, client: HTTPClient, logger: Logger) throws {
        self.endpoint = endpoint
        self.client = client
        id = "\(endpoint.kind.rawValue).\(endpoint.name)"
        interval = endpoint.interval
        failures = FailureLog(logger: logger, subject: "endpoint \(endpoint.name) (\(endpoint.url))")
        bodyRegex = try endpoint.check.bodyRegex.map { try NSRegularExpression(pattern: $0) }
    }

    public func declaredSeries() async throws -> [SeriesSpec] {
        try await scrape(at: 0, log: false).specs
    }

    public func collect(at time: Int) async throws -> [Sample] {
        try await scrape(at: time, log: true).samples
    }

    func scrape(at time: Int, log: Bool) async throws -> SeriesBuilder {
        var builder = SeriesBuilder(time: time)
        let started = ContinuousClock.now
        let outcome: Result<HTTPResponse, HTTPError>
        do {
            outcome = .success(try await client.perform(try request()))
        } catch let error as HTTPError {
            outcome = .failure(error)
        } catch {
            outcome = .failure(.transfer(code: -1, message: "\(error)"))
        }
        let failure: String?
        let failureKind: String? = if case .failure(let error) = outcome { Mirror(reflecting: error).children.first?.label } else { nil }
        switch endpoint.kind {
        case .check: failure = check(outcome, into: &builder)
        case .json: failure = json(outcome, into: &builder)
        case .prometheus: failure = prometheus(outcome, into: &builder)
        }
        let elapsed = ContinuousClock.now - started
        if endpoint.kind != .check {
            builder.gauge("\(endpoint.prefix).scrape_time", Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds), unit: "s")
        }
        builder.gauge("\(endpoint.prefix).up", failure == nil ? 1 : 0, max: 1)
        if log {
            if let failure { failures.failed(failure, kind: failureKind, now: Date().timeIntervalSince1970) } else { failures.succeeded() }
        }
        return builder
    }

    /// The request, with headers and the secret read now (a rotated token is picked up).
    func request() throws -> HTTPRequest {
        var headers = endpoint.headers.map { HTTPHeader(name: $0.name, value: $0.value) }
        switch endpoint.auth {
        case .basic(let username, let password):
            let token = Data("\(username):\(try password.resolve())".utf8).base64EncodedString()
            headers.append(HTTPHeader(name: "Authorization", value: "Basic \(token)"))
        case .bearer(let source):
            headers.append(HTTPHeader(name: "Authorization", value: "Bearer \(try source.resolve())"))
        case nil:
            break
        }
        return HTTPRequest(
            url: endpoint.url, headers: headers,
            connectTimeout: .milliseconds(endpoint.connectTimeoutMilliseconds),
            totalTimeout: .milliseconds(endpoint.timeoutMilliseconds),
            maxBodyBytes: endpoint.maxBodyBytes, maxRedirects: endpoint.maxRedirects, verifyTLS: endpoint.verifyTLS
        )
    }

    /// A 2xx body, or why there is none.
    func body(_ outcome: Result<HTTPResponse, HTTPError>) -> Result<HTTPResponse, EndpointFailure> {
        switch outcome {
        case .failure(let error): return .failure(EndpointFailure("\(error)"))
        case .success(let response) where !(200..<300).contains(response.status):
            return .failure(EndpointFailure("answered HTTP \(response.status)"))
        case .success(let response): return .success(response)
        }
    }
}

struct EndpointFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
