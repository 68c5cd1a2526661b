/// One HTTP header line. A struct rather than a tuple so requests and responses are `Sendable`.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Everything needed to run one transfer. Limits default to values that suit a monitoring probe:
/// a dead target fails in seconds and a runaway response cannot exhaust memory.
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    public var url: String
    public var method: Method
    public var headers: [HTTPHeader]
    /// Sent only with `.post`; ignored for `.get`.
    public var body: [UInt8]?
    /// Limit for DNS + TCP connect + TLS handshake.
    public var connectTimeout: Duration
    /// Limit for the whole transfer, redirects included.
    public var totalTimeout: Duration
    /// Limit on the (decoded) response body; exceeding it fails with `.bodyTooLarge`.
    public var maxBodyBytes: Int
    /// Redirects to follow; 0 returns the 3xx response itself.
    public var maxRedirects: Int
    public var verifyTLS: Bool

    public init(
        url: String,
        method: Method = .get,
        headers: [HTTPHeader] = [],
        body: [UInt8]? = nil,
        connectTimeout: Duration = .seconds(5),
        totalTimeout: Duration = .seconds(10),
        maxBodyBytes: Int = 8 << 20,
        maxRedirects: Int = 3,
        verifyTLS: Bool = true
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
        self.verifyTLS = verifyTLS
    }
}
