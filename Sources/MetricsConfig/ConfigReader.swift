import Collectors
import MetricStore
import RRD
import YAMLReading
import Yams

/// Walks the YAML tree, fills the configuration and records each problem at its line.
/// Unknown keys are problems: a misspelt key must not silently fall back to a default.
struct ConfigReader {
    /// The typed scalar readers, shared with the dashboard files; they collect the problems.
    var yaml = YAMLReader { ConfigProblem(line: $0, column: $1, key: $2, message: $3) }
    var problems: [ConfigProblem] {
        get { yaml.problems }
        set { yaml.problems = newValue }
    }
    /// The configuration file's folder: relative program paths are resolved from it.
    var baseDirectory: String?

    mutating func readRoot(_ root: Node, into config: inout DaemonConfiguration) {
        let keys = ["data_dir", "step", "http", "storage", "retention", "log", "collectors", "endpoints", "endpoint_dir",
                    "statsd", "graphite", "listeners", "exec", "dashboards", "impact", "role", "host_name", "central"]
        for (key, value) in entries(root, "", known: keys) {
            switch key {
            case "data_dir": string(value, key).map { config.dataDirectory = $0 }
            case "step": duration(value, key).map { config.step = $0 }
            case "http": readHTTP(value, into: &config.http)
            case "storage": readStorage(value, into: &config)
            case "retention": readRetention(value).map { config.retention = $0 }
            case "log": readLog(value, into: &config)
            case "collectors": readCollectors(value, into: &config.collectors)
            case "endpoints": config.endpoints = readEndpoints(value)
            case "endpoint_dir": string(value, key).map { config.endpointDirectory = $0 }
            case "statsd": readStatsD(value, into: &config)
            case "graphite": readGraphite(value, into: &config)
            case "listeners": readListeners(value, into: &config.listeners)
            case "exec": config.programs = readExec(value, baseDirectory: baseDirectory)
            case "dashboards": string(value, key).map { config.dashboardDirectory = $0 }
            case "impact": config.impact = readImpact(value)
            case "role": readRole(value, into: &config.agent)
            case "host_name": readHostName(value, into: &config.agent)
            case "central": readCentral(value, into: &config.agent)
            default: break
            }
        }
        if problems.isEmpty {
            checkHeartbeats(config, root: root)
            checkAgent(config.agent, root: root)
        }
        if !config.http.isLoopback, config.http.writeToken == nil {
            problemAt(root["http"], "http", "listens on \(config.http.host), beyond loopback: set write_token_env or write_token_file so that only holders of the token can push data or record events")
        }
    }

    private mutating func readHTTP(_ node: Node, into http: inout HTTPSettings) {
        for (key, value) in entries(node, "http", known: ["listen", "write_token_env", "write_token_file", "read_token_env", "read_token_file"]) {
            guard key == "listen" else {
                readWriteToken(key, value, into: &http)
                continue
            }
            guard let text = string(value, "http.listen") else { continue }
            if let parsed = Self.listenAddress(text) {
                (http.host, http.port) = parsed
            } else {
                problem(value, "http.listen", "expected HOST:PORT such as 127.0.0.1:8080 or [::1]:8080, got '\(text)'")
            }
        }
    }

    static func listenAddress(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(where: \.isWhitespace),
              let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port)
        else { return nil }
        return (host, port)
    }

    private mutating func readStorage(_ node: Node, into config: inout DaemonConfiguration) {
        let keys = ["max_metrics", "min_free_disk", "min_free_inodes", "max_future_skew", "max_pending_points"] + Self.rrdcachedKeys
        var cached = CachedStorage()
        for (key, value) in entries(node, "storage", known: keys) {
            let path = "storage." + key
            switch key {
            case "max_metrics": integer(value, path, 1...10_000_000).map { config.storage.maxMetrics = $0 }
            case "min_free_disk": byteSize(value, path).map { config.storage.minFreeBytes = $0 }
            case "min_free_inodes": integer(value, path, 0...Int.max).map { config.storage.minFreeInodes = $0 }
            case "max_future_skew": duration(value, path).map { config.storage.maxFutureSkew = $0 }
            case "max_pending_points": integer(value, path, 1_000...100_000_000).map { config.storage.maxPendingPoints = $0 }
            default: readRRDCached(key, value, into: &cached)
            }
        }
        finishRRDCached(cached, node, into: &config.storageBackend)
    }

    private mutating func readRetention(_ node: Node) -> RetentionPolicy? {
        guard case .sequence(let sequence) = node else {
            problem(node, "retention", "expected a list of schemas, each with name, pattern and tiers")
            return nil
        }
        var schemas: [RetentionSchema] = []
        for (index, item) in sequence.enumerated() {
            if let schema = readSchema(item, "retention[\(index)]") { schemas.append(schema) }
        }
        if schemas.isEmpty, problems.isEmpty { problem(node, "retention", "list at least one schema; the last should have pattern '**'") }
        return RetentionPolicy(schemas)
    }

    private mutating func readSchema(_ node: Node, _ path: String) -> RetentionSchema? {
        var name: String?, pattern: MetricPattern?, tiers: [RetentionTier]?
        var consolidations = [Consolidation.average, .min, .max], xff = 0.5
        var heartbeat: Int?
        let keys = ["name", "pattern", "tiers", "consolidations", "xff", "heartbeat"]
        let before = problems.count
        for (key, value) in entries(node, path, known: keys) {
            let keyPath = "\(path).\(key)"
            switch key {
            case "name": name = string(value, keyPath)
            case "pattern":
                guard let text = string(value, keyPath) else { continue }
                do { pattern = try MetricPattern(text) } catch { problem(value, keyPath, "\(error)") }
            case "tiers": tiers = readTiers(value, keyPath)
            case "consolidations": readConsolidations(value, keyPath).map { consolidations = $0 }
            case "xff": number(value, keyPath).map { xff = $0 }
            case "heartbeat": heartbeat = duration(value, keyPath)
            default: break
            }
        }
        for (field, present) in [("name", name != nil), ("pattern", pattern != nil), ("tiers", tiers != nil)] where !present && problems.count == before {
            problem(node, path, "missing '\(field)'")
        }
        guard let name, let pattern, let tiers, problems.count == before else { return nil }
        let schema = RetentionSchema(name: name, pattern: pattern, tiers: tiers, consolidations: consolidations, xff: xff, heartbeat: heartbeat)
        for message in schema.problems() { problem(node, path, message) }
        return schema
    }

    private mutating func readTiers(_ node: Node, _ path: String) -> [RetentionTier]? {
        guard case .sequence(let sequence) = node, sequence.count > 0 else {
            problem(node, path, "expected a list of RESOLUTION:DURATION such as [10s:1d, 1m:7d]")
            return nil
        }
        var tiers: [RetentionTier] = []
        for item in sequence {
            guard let text = item.string, let tier = RetentionTier(text) else {
                problem(item, path, "expected RESOLUTION:DURATION such as 10s:1d (units s, m, h, d, w, y), got '\(item.string ?? "a non-scalar")'")
                return nil
            }
            tiers.append(tier)
        }
        return tiers
    }

    private mutating func readConsolidations(_ node: Node, _ path: String) -> [Consolidation]? {
        guard case .sequence(let sequence) = node else {
            problem(node, path, "expected a list such as [AVERAGE, MIN, MAX]")
            return nil
        }
        var result: [Consolidation] = []
        for item in sequence {
            guard let value = item.string.flatMap({ Consolidation(rawValue: $0.uppercased()) }) else {
                problem(item, path, "expected one of AVERAGE, MIN, MAX, LAST, got '\(item.string ?? "a non-scalar")'")
                return nil
            }
            result.append(value)
        }
        return result
    }

    private mutating func readLog(_ node: Node, into config: inout DaemonConfiguration) {
        for (key, value) in entries(node, "log", known: ["level"]) where key == "level" {
            guard let text = string(value, "log.level") else { continue }
            if let level = LogLevel(rawValue: text.lowercased()) {
                config.logLevel = level
            } else {
                problem(value, "log.level", "expected one of \(LogLevel.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'")
            }
        }
    }

    private mutating func readCollectors(_ node: Node, into collectors: inout CollectorSettings) {
        let ids = CollectorSettings.known.map(\.id)
        for (key, value) in entries(node, "collectors", known: ["proc_root", "sys_root"] + ids) {
            switch key {
            case "proc_root": string(value, "collectors.proc_root").map { collectors.procRoot = $0 }
            case "sys_root": string(value, "collectors.sys_root").map { collectors.sysRoot = $0 }
            default: readCollector(key, value, into: &collectors.entries[key, default: CollectorEntry()])
            }
        }
    }

    private mutating func readCollector(_ id: String, _ node: Node, into entry: inout CollectorEntry) {
        let options = CollectorSettings.known.first { $0.id == id }?.options ?? [:]
        let path = "collectors.\(id)"
        for (key, value) in entries(node, path, known: ["enabled", "interval"] + options.keys.sorted()) {
            switch key {
            case "enabled": bool(value, "\(path).enabled").map { entry.enabled = $0 }
            case "interval": duration(value, "\(path).interval").map { entry.interval = $0 }
            default: bool(value, "\(path).\(key)").map { entry.options[key] = $0 }
            }
        }
    }

}
