/// Why a request produced no response. Each case is a distinct failure a monitor should report
/// differently; `description` says what happened and what to check.
public enum HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which part of the exchange ran out of time.
    public enum TimeoutPhase: String, Sendable {
        case connecting
        case waitingForResponse
        case receivingBody
    }

    case invalidURL(String)
    /// Only http and https are allowed, also as redirect targets.
    case unsupportedScheme(String)
    /// A request header name or value contains characters that would corrupt the request.
    case invalidHeader(name: String)
    case dnsFailure(host: String)
    /// `host:port` that refused (or could not be reached for) the TCP connection.
    case connectionRefused(String)
    case timedOut(after: Duration, phase: TimeoutPhase)
    case bodyTooLarge(limit: Int)
    case tooManyRedirects(limit: Int)
    case tls(String)
    /// Any other libcurl failure: the CURLcode and its explanation.
    case transfer(code: Int, message: String)
    /// The awaiting task was cancelled.
    case cancelled
    /// The client was shut down before the transfer finished.
    case shutDown

    public var description: String {
        switch self {
        case .invalidURL(let url):
            return "\"\(url)\" is not a valid URL — use an absolute URL such as http://host:port/path."
        case .unsupportedScheme(let scheme):
            return "the scheme \"\(scheme)\" is not allowed — only http and https URLs (and redirects) are supported."
        case .invalidHeader(let name):
            return "request header \"\(name)\" contains a line break or an invalid name — fix the header in the configuration."
        case .dnsFailure(let host):
            return "could not resolve host \"\(host)\" — check the hostname and the DNS configuration."
        case .connectionRefused(let target):
            return "connection refused by \(target) — is the service running and listening on that port?"
        case .timedOut(let limit, .connecting):
            return "timed out after \(limit.readable) while connecting — is the host reachable, or is a firewall dropping packets?"
        case .timedOut(let limit, .waitingForResponse):
            return "timed out after \(limit.readable) waiting for a response — the server accepted the connection but did not answer; check that it is healthy or raise totalTimeout."
        case .timedOut(let limit, .receivingBody):
            return "timed out after \(limit.readable) while receiving the response body — the server is too slow or the body too large; raise totalTimeout if that is expected."
        case .bodyTooLarge(let limit):
            return "the response body exceeded the limit of \(limit) bytes — raise maxBodyBytes if such a large response is expected."
        case .tooManyRedirects(let limit):
            return "stopped after \(limit) redirects — the URL probably redirects in a loop; check the server's redirect rules or raise maxRedirects."
        case .tls(let detail):
            return "TLS failed: \(detail) — check the server certificate, or set verifyTLS to false only for a trusted self-signed target."
        case .transfer(let code, let message):
            return "the transfer failed (curl error \(code)): \(message)."
        case .cancelled:
            return "the request was cancelled before it completed."
        case .shutDown:
            return "the HTTP client was shut down before the request completed — create a new client to send more requests."
        }
    }
}
