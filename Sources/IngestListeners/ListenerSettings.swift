/// Where and how the ingest listeners accept data; filled from the `statsd:` and `graphite:`
/// sections of the configuration.
public struct ListenerSettings: Sendable, Equatable {
    public struct Address: Sendable, Equatable, CustomStringConvertible {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    /// StatsD over UDP and TCP; nil turns one off.
    public var statsdUDP: Address? = Address(host: "127.0.0.1", port: 8125)
    public var statsdTCP: Address? = Address(host: "127.0.0.1", port: 8125)
    /// Graphite plaintext over TCP.
    public var graphiteTCP: Address? = Address(host: "127.0.0.1", port: 2003)
    /// SO_RCVBUF of the UDP socket: a burst waits here instead of being dropped by the kernel.
    public var receiveBuffer = 8 << 20
    /// Longest TCP line; a longer one closes the connection.
    public var maxLine = 64 << 10
    /// TCP connections open at once, per listener; more are closed on arrival.
    public var maxConnections = 250
    /// Seconds a TCP connection may stay silent before it is closed.
    public var idleTimeout = 300
    /// Graphite points waiting for the next step; past it new points are refused and counted.
    public var maxPendingPoints = 500_000

    public init() {}
}
