import Collectors
import IngestListeners
import MetricStore
import StatsD
import Yams

/// `statsd:`, `graphite:` and `listeners:`: where business counters come in.
extension ConfigReader {
    mutating func readStatsD(_ node: Node, into config: inout DaemonConfiguration) {
        let keys = ["udp", "tcp", "tag_segments", "percentiles", "idle_counters", "idle_timers", "idle_sets", "max_metrics"]
        for (key, value) in entries(node, "statsd", known: keys) {
            let path = "statsd.\(key)"
            switch key {
            case "udp": config.listeners.statsdUDP = listenerAddress(value, path)
            case "tcp": config.listeners.statsdTCP = listenerAddress(value, path)
            case "tag_segments": config.statsdTagSegments = stringList(value, path)
            case "percentiles": config.statsdAggregation.percentiles = percentiles(value, path)
            case "idle_counters": idlePolicy(value, path).map { config.statsdAggregation.idleCounters = $0 }
            case "idle_timers": idlePolicy(value, path).map { config.statsdAggregation.idleTimers = $0 }
            case "idle_sets": idlePolicy(value, path).map { config.statsdAggregation.idleSets = $0 }
            case "max_metrics": integer(value, path, 1...1_000_000).map { config.statsdAggregation.maxMetrics = $0 }
            default: break
            }
        }
    }

    mutating func readGraphite(_ node: Node, into config: inout DaemonConfiguration) {
        for (key, value) in entries(node, "graphite", known: ["tcp"]) where key == "tcp" {
            config.listeners.graphiteTCP = listenerAddress(value, "graphite.tcp")
        }
    }

    mutating func readListeners(_ node: Node, into settings: inout ListenerSettings) {
        let keys = ["receive_buffer", "max_line", "max_connections", "idle_timeout", "max_pending_points"]
        for (key, value) in entries(node, "listeners", known: keys) {
            let path = "listeners.\(key)"
            switch key {
            case "receive_buffer": byteSize(value, path).map { settings.receiveBuffer = min($0, 256 << 20) }
            case "max_line": byteSize(value, path).map { settings.maxLine = max(256, min($0, 16 << 20)) }
            case "max_connections": integer(value, path, 1...100_000).map { settings.maxConnections = $0 }
            case "idle_timeout": duration(value, path).map { settings.idleTimeout = $0 }
            case "max_pending_points": integer(value, path, 1_000...100_000_000).map { settings.maxPendingPoints = $0 }
            default: break
            }
        }
    }

    /// `HOST:PORT`, or `off` to turn the listener off.
    private mutating func listenerAddress(_ node: Node, _ path: String) -> ListenerSettings.Address? {
        guard let text = string(node, path) else { return nil }
        if ["off", "false", "none", "no"].contains(text.lowercased()) { return nil }
        guard let (host, port) = Self.listenAddress(text) else {
            problem(node, path, "expected HOST:PORT such as 127.0.0.1:8125, or off")
            return nil
        }
        return ListenerSettings.Address(host: host, port: port)
    }

    private mutating func percentiles(_ node: Node, _ path: String) -> [Double] {
        guard case .sequence(let sequence) = node else {
            problem(node, path, "expected a list such as [50, 90, 99]")
            return [50, 90, 99]
        }
        return sequence.compactMap { item in
            guard let text = item.string, let value = StrictDecimal.parse(text), value > 0, value < 100 else {
                problem(item, path, "expected percentiles above 0 and below 100, got '\(item.string ?? "?")'")
                return nil
            }
            return value
        }
    }

    private mutating func idlePolicy(_ node: Node, _ path: String) -> IdlePolicy? {
        guard let text = node.string, let policy = IdlePolicy(rawValue: text) else {
            problem(node, path, "expected gap (store nothing, the graph shows a gap) or zero (store 0)")
            return nil
        }
        return policy
    }

    /// The tokens write endpoints (and, optionally, read endpoints) require; read when the daemon starts.
    mutating func readWriteToken(_ key: String, _ value: Node, into http: inout HTTPSettings) {
        guard let text = string(value, "http.\(key)") else { return }
        let source: SecretSource = key.hasSuffix("_env") ? .environment(text) : .file(text)
        if key.hasPrefix("read_") { http.readToken = source } else { http.writeToken = source }
    }
}
