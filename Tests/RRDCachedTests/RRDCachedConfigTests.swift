import MetricStore
import MetricsConfig
import RRD
import Testing

/// `storage.backend: rrdcached` in the configuration file, and the addresses it takes.
@Suite struct RRDCachedConfigTests {
    @Test(arguments: [
        ("unix:/run/rrdcached.sock", RRDCachedAddress.Endpoint.unix(path: "/run/rrdcached.sock")),
        ("/run/rrdcached.sock", .unix(path: "/run/rrdcached.sock")),
        ("127.0.0.1:42217", .tcp(host: "127.0.0.1", port: 42_217)),
        ("cache.example", .tcp(host: "cache.example", port: 42_217)),
        ("[::1]:4000", .tcp(host: "::1", port: 4_000)),
    ])
    func addressesParse(text: String, endpoint: RRDCachedAddress.Endpoint) throws {
        #expect(try RRDCachedAddress(parsing: text).endpoint == endpoint)
    }

    @Test(arguments: ["", "unix:relative.sock", "host:0", "host:port", "::1:4000", "a b:1", "[::1"])
    func badAddressesSayWhatToWrite(text: String) {
        #expect(throws: RRDCachedError.self) { try RRDCachedAddress(parsing: text) }
    }

    @Test func theDefaultStaysLocalAndOldFilesStayValid() throws {
        let config = try ConfigurationLoader.parse("storage:\n  max_metrics: 500\n", source: "test.yaml")
        #expect(config.storageBackend == .local)
        #expect(config.storage.maxMetrics == 500)
    }

    @Test func rrdcachedWithItsSettings() throws {
        let text = """
        storage:
          backend: rrdcached
          rrdcached: unix:/run/rrdcached/rrdcached.sock
          rrdcached_queue_points: 50000
          rrdcached_timeout: 5s
          rrdcached_replay_window: 20m
        """
        let config = try ConfigurationLoader.parse(text, source: "test.yaml")
        let expected = RRDCachedSettings(address: RRDCachedAddress(.unix(path: "/run/rrdcached/rrdcached.sock")),
                                         maxQueuedPoints: 50_000, timeoutSeconds: 5, replaySeconds: 1_200)
        #expect(config.storageBackend == .rrdcached(expected))
    }

    @Test(arguments: [
        ("storage:\n  backend: rrdcached\n", "test.yaml:2", "needs its address"),
        ("storage:\n  backend: rrdcache\n", "test.yaml:2", "expected 'local'"),
        ("storage:\n  rrdcached: 127.0.0.1:42217\n", "test.yaml:2", "only used with backend: rrdcached"),
        ("storage:\n  backend: rrdcached\n  rrdcached: 'unix:run.sock'\n", "test.yaml:3", "absolute path"),
    ])
    func problemsNameTheirLine(text: String, place: String, message: String) {
        do {
            _ = try ConfigurationLoader.parse(text, source: "test.yaml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.contains(place))
            #expect(error.description.contains(message))
        }
    }
}
