import Collectors
import MetricStore
import Yams

/// `role:`, `host_name:` and `central:` (see ``AgentSettings``).
extension ConfigReader {
    mutating func readRole(_ node: Node, into agent: inout AgentSettings) {
        guard let text = string(node, "role") else { return }
        guard let role = AgentSettings.Role(rawValue: text) else {
            return problem(node, "role", "expected central (store samples, the default) or agent (send them to central.url), got '\(text)'")
        }
        agent.role = role
    }

    mutating func readHostName(_ node: Node, into agent: inout AgentSettings) {
        guard let text = string(node, "host_name") else { return }
        guard HostName.isSegment(text) else {
            return problem(node, "host_name", "'\(text)' must be one metric name segment: letters, digits, '_' and '-', no dot, not starting with '-'")
        }
        agent.hostName = text
    }

    mutating func readCentral(_ node: Node, into agent: inout AgentSettings) {
        for (key, value) in entries(node, "central", known: ["url", "token_env", "token_file", "keep_local", "buffer_max"]) {
            let path = "central." + key
            switch key {
            case "url":
                guard let text = string(value, path) else { continue }
                if let problem = Self.centralURLProblem(text) { self.problem(value, path, problem) } else { agent.centralURL = text }
            case "token_env": string(value, path).map { agent.token = .environment($0) }
            case "token_file": string(value, path).map { agent.token = .file($0) }
            case "keep_local": bool(value, path).map { agent.keepLocal = $0 }
            case "buffer_max":
                guard let bytes = byteSize(value, path) else { continue }
                if bytes < 1 << 20 { problem(value, path, "keep at least 1MiB for the buffer, got \(bytes) bytes") } else { agent.bufferMax = bytes }
            default: break
            }
        }
    }

    /// An agent needs a central to send to, and a token unless the central is on loopback.
    mutating func checkAgent(_ agent: AgentSettings, root: Node) {
        guard agent.role == .agent else { return }
        guard let url = agent.centralURL else {
            return problemAt(root["role"], "central.url", "role agent sends samples to a central daemon: set central.url such as http://central.example:8080")
        }
        if agent.hostName == nil, !HostName.isSegment(HostName.systemShortName()) {
            problemAt(root["role"], "host_name", "the system's host name '\(HostName.systemShortName())' is not a valid name segment: set host_name:")
        }
        let host = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? ""
        let loopback = host.hasPrefix("127.") || host.hasPrefix("localhost") || host.hasPrefix("[::1]")
        if agent.token == nil, !loopback {
            problemAt(root["central"], "central", "the central at \(url) is beyond loopback and requires its write token: set central.token_env or central.token_file")
        }
    }

    static func centralURLProblem(_ text: String) -> String? {
        let scheme = text.hasPrefix("http://") ? "http://" : text.hasPrefix("https://") ? "https://" : nil
        guard let scheme else { return "expected http://HOST:PORT or https://HOST:PORT, got '\(text)'" }
        var rest = text.dropFirst(scheme.count)
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty, !rest.contains("/"), !rest.contains("?"), !rest.contains(where: \.isWhitespace) else {
            return "give the central's address only, without a path (the agent posts to /api/v1/samples), got '\(text)'"
        }
        return nil
    }
}
