import Foundation

/// One application endpoint to scrape, as configured under `endpoints:`.
public struct Endpoint: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Up, status and timings of a request, with optional status and body expectations.
        case check
        /// Numbers picked out of a JSON document by path expressions.
        case json
        /// Every series of a Prometheus text exposition, mapped to metric names.
        case prometheus
    }

    public var name: String
    public var kind: Kind
    public var url: String
    /// Metric name prefix; `app.<name>` unless configured.
    public var prefix: String
    public var interval: Int?
    public var connectTimeoutMilliseconds = 2_000
    public var timeoutMilliseconds = 5_000
    public var maxBodyBytes = 10 << 20
    public var maxRedirects = 3
    public var verifyTLS = true
    public var headers: [Header] = []
    public var auth: Auth?
    public var check = CheckRules()
    public var json = JSONRules()
    public var prometheus = PrometheusRules()

    public init(name: String, kind: Kind, url: String, prefix: String? = nil) {
        self.name = name
        self.kind = kind
        self.url = url
        self.prefix = prefix ?? "app.\(name)"
    }

    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public enum Auth: Sendable, Equatable {
        case basic(username: String, password: SecretSource)
        case bearer(SecretSource)
    }

    public struct CheckRules: Sendable, Equatable {
        /// Statuses that count as up; empty means any 2xx or 3xx.
        public var expectStatus: [Int] = []
        public var bodyContains: String?
        public var bodyRegex: String?

        public init() {}
    }

    public struct JSONRules: Sendable, Equatable {
        public var fields: [JSONField] = []
        /// Accept strings such as "42" as numbers.
        public var numericStrings = false

        public init() {}
    }

    public struct PrometheusRules: Sendable, Equatable {
        /// Globs over sample names (`http_*`); empty includes everything.
        public var include: [String] = []
        public var exclude: [String] = []
        /// Only samples with these exact label values.
        public var matchLabels: [String: String] = [:]
        /// Label values that become name segments, in this order.
        public var labelSegments: [String] = []
        public var maxSeries = 1_000

        public init() {}
    }
}

public struct JSONField: Sendable, Equatable {
    public var path: JSONPath
    /// Name under the endpoint's prefix; `*` takes the matched keys in order. Default: the path.
    public var name: String?
    public var counter: Bool

    public init(path: JSONPath, name: String? = nil, counter: Bool = false) {
        self.path = path
        self.name = name
        self.counter = counter
    }
}

/// Where a secret comes from: never the configuration file itself, never the dashboard.
public enum SecretSource: Sendable, Equatable, CustomStringConvertible {
    case environment(String)
    case file(String)

    public var description: String {
        switch self {
        case .environment(let name): return "environment variable \(name)"
        case .file(let path): return "file \(path)"
        }
    }

    public func resolve(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(SecretError) -> String {
        switch self {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else { throw SecretError(source: self, reason: "is not set") }
            return value
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw SecretError(source: self, reason: "cannot be read")
            }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}

public struct SecretError: Error, Sendable, CustomStringConvertible {
    public var source: SecretSource
    public var reason: String
    public var description: String { "the secret's \(source) \(reason)" }
}
