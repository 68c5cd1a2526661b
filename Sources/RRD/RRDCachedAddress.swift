/// Where rrdcached listens: a unix socket (`unix:/run/rrdcached.sock` or a bare absolute path) or
/// TCP (`host:port`, `[v6]:port`; the port defaults to 42217 as in rrdcached).
public struct RRDCachedAddress: Sendable, Equatable, CustomStringConvertible {
    public enum Endpoint: Sendable, Equatable {
        case unix(path: String)
        case tcp(host: String, port: Int)
    }

    public static let defaultPort = 42_217

    public let endpoint: Endpoint

    public init(_ endpoint: Endpoint) { self.endpoint = endpoint }

    /// Parses the forms rrdcached's `-l` and librrd's `--daemon` accept; throws `badAddress` saying why.
    public init(parsing text: String) throws(RRDCachedError) {
        let bad = { (why: String) in RRDCachedError.badAddress(text, why) }
        guard !text.isEmpty, !text.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw bad("it is empty or contains spaces")
        }
        if text.hasPrefix("unix:") || text.hasPrefix("/") {
            let path = text.hasPrefix("unix:") ? String(text.dropFirst(5)) : text
            guard path.hasPrefix("/") else { throw bad("a unix socket needs an absolute path, as in unix:/run/rrdcached.sock") }
            // sockaddr_un holds 108 bytes including the terminator.
            guard path.utf8.count < 108 else { throw bad("the socket path is longer than 107 bytes") }
            endpoint = .unix(path: path)
            return
        }
        var host = text
        var port = Self.defaultPort
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw bad("an IPv6 address needs its closing ']'") }
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let value = Int(rest.dropFirst()) else { throw bad("expected [ADDRESS]:PORT") }
                port = value
            }
        } else if let colon = text.lastIndex(of: ":") {
            guard text.firstIndex(of: ":") == colon else { throw bad("write an IPv6 address in brackets, as in [::1]:42217") }
            host = String(text[..<colon])
            guard let value = Int(text[text.index(after: colon)...]) else { throw bad("the port is not a number") }
            port = value
        }
        guard !host.isEmpty else { throw bad("the host is empty") }
        guard (1...65_535).contains(port) else { throw bad("the port must be 1-65535") }
        endpoint = .tcp(host: host, port: port)
    }

    /// The form librrd's `--daemon` and `rrdc_connect` take.
    public var description: String {
        switch endpoint {
        case .unix(let path): return "unix:" + path
        case .tcp(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }
}
