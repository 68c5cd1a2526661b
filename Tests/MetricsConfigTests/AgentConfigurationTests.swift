import Collectors
import Testing
@testable import MetricsConfig

@Suite struct AgentConfigurationTests {
    @Test func readsAnAgent() throws {
        let config = try ConfigurationLoader.parse("""
            role: agent
            host_name: web-1
            central:
              url: http://central.example:8080
              token_env: METRICS_CENTRAL_TOKEN
              keep_local: true
              buffer_max: 64MiB
            """, source: "agent.yaml")
        #expect(config.agent.role == .agent)
        #expect(config.agent.hostName == "web-1")
        #expect(config.agent.centralURL == "http://central.example:8080")
        #expect(config.agent.token == .environment("METRICS_CENTRAL_TOKEN"))
        #expect(config.agent.keepLocal)
        #expect(config.agent.bufferMax == 64 << 20)
    }

    @Test func theDefaultIsACentralWithA256MiBBufferBound() throws {
        let config = try ConfigurationLoader.parse("", source: "empty.yaml")
        #expect(config.agent.role == .central)
        #expect(config.agent.bufferMax == 256 << 20)
    }

    @Test(arguments: [
        ("role: agents", "role", "expected central"),
        ("role: agent", "central.url", "set central.url"),
        ("role: agent\ncentral:\n  url: http://10.0.0.5:8080", "central", "token_env"),
        ("host_name: web1.example.com", "host_name", "one metric name segment"),
        ("host_name: -web", "host_name", "one metric name segment"),
        ("central:\n  url: central:8080", "central.url", "http://HOST:PORT"),
        ("central:\n  url: http://c:8080/api/v1/push", "central.url", "without a path"),
        ("central:\n  buffer_max: 10KiB", "central.buffer_max", "at least 1MiB"),
        ("central:\n  proxy: x", "central.proxy", "unknown key"),
    ])
    func refusesBadAgentSettings(text: String, key: String, message: String) throws {
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(text, source: "bad.yaml") }
        let problem = try #require(error?.problems.first { $0.key == key }, "\(String(describing: error))")
        #expect(problem.message.contains(message), "\(problem.message)")
    }

    @Test func aLoopbackCentralNeedsNoToken() throws {
        let config = try ConfigurationLoader.parse("role: agent\nhost_name: a\ncentral:\n  url: http://127.0.0.1:8080", source: "a.yaml")
        #expect(config.agent.token == nil)
    }
}
