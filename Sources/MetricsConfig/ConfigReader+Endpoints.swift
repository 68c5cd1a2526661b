import Collectors
import Foundation
import MetricStore
import Yams

/// `endpoints:` entries: what to scrape, how, and what each kind extracts.
extension ConfigReader {
    static let commonEndpointKeys = ["name", "type", "url", "prefix", "interval", "connect_timeout", "timeout", "max_body",
                                     "max_redirects", "tls_verify", "headers", "auth"]
    static let endpointKeys: [Endpoint.Kind: [String]] = [
        .check: ["expect_status", "expect_body", "expect_body_regex"],
        .json: ["fields", "numeric_strings"],
        .prometheus: ["include", "exclude", "match_labels", "label_segments", "max_series"],
    ]

    /// A drop-in file: an `endpoints:` list and an `exec:` list.
    mutating func readDropIn(_ root: Node) -> (endpoints: [Endpoint], programs: [ExecProgram]) {
        var result: (endpoints: [Endpoint], programs: [ExecProgram]) = ([], [])
        for (key, value) in entries(root, "", known: ["endpoints", "exec"]) {
            if key == "endpoints" { result.endpoints = readEndpoints(value) } else { result.programs = readExec(value, baseDirectory: baseDirectory) }
        }
        return result
    }

    mutating func readEndpoints(_ node: Node, _ path: String = "endpoints") -> [Endpoint] {
        guard case .sequence(let sequence) = node else {
            if node.null == nil { problem(node, path, "expected a list of endpoints, each with name, type and url") }
            return []
        }
        return sequence.enumerated().compactMap { index, item in readEndpoint(item, "\(path)[\(index)]") }
    }

    private mutating func readEndpoint(_ node: Node, _ path: String) -> Endpoint? {
        let before = problems.count
        let kindText = node["type"]?.string
        let kind = kindText.flatMap(Endpoint.Kind.init(rawValue:))
        if kind == nil {
            problemAt(node["type"] ?? node, "\(path).type", "expected type check, json or prometheus, got '\(kindText ?? "nothing")'")
        }
        let known = Self.commonEndpointKeys + (kind.flatMap { Self.endpointKeys[$0] } ?? Self.endpointKeys.values.flatMap { $0 })
        let entries = entries(node, path, known: known)
        guard let name = node["name"].flatMap({ string($0, "\(path).name") }), let urlNode = node["url"],
              let url = string(urlNode, "\(path).url"), let kind
        else {
            if node["name"] == nil || node["url"] == nil { problem(node, path, "each endpoint needs name, type and url") }
            return nil
        }
        if MetricName.segment(from: name) != name {
            problem(node["name"]!, "\(path).name", "'\(name)' is used in metric names; use letters, digits, '_' and '-'")
        }
        checkURL(url, urlNode, "\(path).url")
        var endpoint = Endpoint(name: name, kind: kind, url: url)
        for (key, value) in entries {
            readEndpointKey(key, value, "\(path).\(key)", into: &endpoint)
        }
        if (try? MetricName(endpoint.prefix)) == nil, node["prefix"] != nil || MetricName.segment(from: name) == name {
            problemAt(node["prefix"] ?? node, "\(path).prefix", "'\(endpoint.prefix)' is not a valid metric name prefix")
        }
        if let interval = endpoint.interval, endpoint.timeoutMilliseconds > interval * 1_000 {
            problemAt(node["timeout"] ?? node, "\(path).timeout", "is longer than the interval; a scrape would still run at the next tick")
        }
        return problems.count == before ? endpoint : nil
    }

    private mutating func readEndpointKey(_ key: String, _ value: Node, _ path: String, into endpoint: inout Endpoint) {
        switch key {
        case "prefix": string(value, path).map { endpoint.prefix = $0 }
        case "interval": duration(value, path).map { endpoint.interval = $0 }
        case "connect_timeout": milliseconds(value, path).map { endpoint.connectTimeoutMilliseconds = $0 }
        case "timeout": milliseconds(value, path).map { endpoint.timeoutMilliseconds = $0 }
        case "max_body": byteSize(value, path).map { endpoint.maxBodyBytes = min($0, 256 << 20) }
        case "max_redirects": integer(value, path, 0...20).map { endpoint.maxRedirects = $0 }
        case "tls_verify": bool(value, path).map { endpoint.verifyTLS = $0 }
        case "headers": endpoint.headers = readHeaders(value, path)
        case "auth": endpoint.auth = readAuth(value, path)
        case "expect_status": endpoint.check.expectStatus = readStatuses(value, path)
        case "expect_body": endpoint.check.bodyContains = string(value, path)
        case "expect_body_regex":
            guard let pattern = string(value, path) else { return }
            if (try? NSRegularExpression(pattern: pattern)) == nil { problem(value, path, "is not a valid regular expression") }
            endpoint.check.bodyRegex = pattern
        case "fields": endpoint.json.fields = readFields(value, path)
        case "numeric_strings": bool(value, path).map { endpoint.json.numericStrings = $0 }
        case "include": endpoint.prometheus.include = stringList(value, path)
        case "exclude": endpoint.prometheus.exclude = stringList(value, path)
        case "label_segments": endpoint.prometheus.labelSegments = stringList(value, path)
        case "match_labels": endpoint.prometheus.matchLabels = Dictionary(stringMap(value, path)) { first, _ in first }
        case "max_series": integer(value, path, 1...100_000).map { endpoint.prometheus.maxSeries = $0 }
        default: break
        }
    }

    private mutating func checkURL(_ url: String, _ node: Node, _ path: String) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = parsed.host, !host.isEmpty
        else {
            problem(node, path, "expected an http:// or https:// URL with a host, got '\(url)'")
            return
        }
    }

    private mutating func readHeaders(_ node: Node, _ path: String) -> [Endpoint.Header] {
        stringMap(node, path).compactMap { name, value in
            if name.lowercased() == "authorization" {
                problem(node, path, "do not put credentials in headers; use auth with a *_env or *_file source")
                return nil
            }
            let validName = !name.isEmpty && name.utf8.allSatisfy { $0 > 32 && $0 < 127 && $0 != UInt8(ascii: ":") }
            if !validName || value.contains(where: { $0 == "\r" || $0 == "\n" }) {
                problem(node, path, "header '\(name)' has a bad name or a line break in its value")
                return nil
            }
            return Endpoint.Header(name: name, value: value)
        }
    }

    private mutating func readAuth(_ node: Node, _ path: String) -> Endpoint.Auth? {
        let keys = ["username", "password_env", "password_file", "bearer_token_env", "bearer_token_file"]
        var values: [String: String] = [:]
        for (key, value) in entries(node, path, known: keys) { values[key] = string(value, "\(path).\(key)") }
        func source(_ env: String, _ file: String) -> SecretSource? {
            values[env].map(SecretSource.environment) ?? values[file].map(SecretSource.file)
        }
        if let bearer = source("bearer_token_env", "bearer_token_file") { return .bearer(bearer) }
        if let username = values["username"], let password = source("password_env", "password_file") {
            return .basic(username: username, password: password)
        }
        problem(node, path, "expected bearer_token_env or bearer_token_file, or username with password_env or password_file (secrets are never written in this file)")
        return nil
    }

    private mutating func readStatuses(_ node: Node, _ path: String) -> [Int] {
        let items: [Node]
        if case .sequence(let sequence) = node { items = Array(sequence) } else { items = [node] }
        return items.compactMap { integer($0, path, 100...599) }
    }

    private mutating func readFields(_ node: Node, _ path: String) -> [JSONField] {
        guard case .sequence(let sequence) = node else {
            problem(node, path, "expected a list of fields, each with a path (e.g. stats.requests) and a type (counter or gauge)")
            return []
        }
        return sequence.enumerated().compactMap { index, item in
            let itemPath = "\(path)[\(index)]"
            var field: JSONField?
            var name: String?
            var counter = false
            for (key, value) in entries(item, itemPath, known: ["path", "name", "type"]) {
                switch key {
                case "path":
                    guard let text = string(value, "\(itemPath).path") else { continue }
                    do { field = JSONField(path: try JSONPath(text)) } catch { problem(value, "\(itemPath).path", "\(error)") }
                case "name": name = string(value, "\(itemPath).name")
                case "type":
                    switch value.string {
                    case "counter": counter = true
                    case "gauge": counter = false
                    default: problem(value, "\(itemPath).type", "expected counter (a growing count) or gauge (a level)")
                    }
                default: break
                }
            }
            guard var result = field else {
                if item["path"] == nil { problem(item, itemPath, "missing 'path'") }
                return nil
            }
            if let name, (try? MetricName("x." + name.replacingOccurrences(of: "*", with: "x"))) == nil {
                problem(item["name"]!, "\(itemPath).name", "'\(name)' is not a valid metric name ('*' stands for a matched key)")
            }
            result.name = name
            result.counter = counter
            return result
        }
    }

    mutating func stringList(_ node: Node, _ path: String) -> [String] {
        guard case .sequence(let sequence) = node else {
            problem(node, path, "expected a list")
            return []
        }
        return sequence.compactMap { string($0, path) }
    }

    mutating func stringMap(_ node: Node, _ path: String) -> [(String, String)] {
        guard case .mapping(let mapping) = node else {
            problem(node, path, "expected a mapping of names to values")
            return []
        }
        return mapping.compactMap { key, value in
            guard let name = key.string, let text = value.string else {
                problem(value, path, "expected text values")
                return nil
            }
            return (name, text)
        }
    }

    mutating func milliseconds(_ node: Node, _ path: String) -> Int? {
        guard let text = node.scalar?.string, let value = DurationText.milliseconds(text) else {
            problem(node, path, "expected a duration such as 500ms, 2s, got '\(node.scalar?.string ?? "a non-scalar")'")
            return nil
        }
        return value
    }

    /// Names must be unique: they are metric prefixes and collector ids.
    mutating func checkUniqueNames(_ endpoints: [Endpoint], node: Node?) {
        var seen: Set<String> = []
        for endpoint in endpoints where !seen.insert(endpoint.name).inserted {
            problemAt(node, "endpoints", "two endpoints are named '\(endpoint.name)'; names must be unique")
        }
    }
}
