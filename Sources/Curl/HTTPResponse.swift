/// Phase timings of a completed transfer, each measured from the start of the transfer
/// (so they are cumulative: dns <= connect <= tls <= firstByte <= total). A phase that did
/// not happen (TLS over plain http, DNS for an IP literal or a reused connection) is zero.
public struct HTTPTimings: Sendable, Hashable {
    public var dns: Duration
    public var connect: Duration
    public var tls: Duration
    public var firstByte: Duration
    public var total: Duration

    public init(dns: Duration, connect: Duration, tls: Duration, firstByte: Duration, total: Duration) {
        self.dns = dns
        self.connect = connect
        self.tls = tls
        self.firstByte = firstByte
        self.total = total
    }
}

/// A completed exchange. Any status code, including 4xx and 5xx, is a response, not an error.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Headers of the final response only (those of followed redirects are dropped).
    public var headers: [HTTPHeader]
    /// The body after content decoding.
    public var body: [UInt8]
    /// Body bytes received on the wire (before content decoding).
    public var bytes: Int
    public var timings: HTTPTimings
    /// The URL of the final response, after redirects.
    public var effectiveURL: String
    public var redirects: Int

    public init(
        status: Int, headers: [HTTPHeader], body: [UInt8], bytes: Int,
        timings: HTTPTimings, effectiveURL: String, redirects: Int
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.bytes = bytes
        self.timings = timings
        self.effectiveURL = effectiveURL
        self.redirects = redirects
    }

    /// First value of a header, compared case-insensitively as HTTP requires.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}
