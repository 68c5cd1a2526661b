import MetricStore
import RRD
import Yams

/// `storage.backend`, `storage.rrdcached` and the retry queue's bound and timeout.
extension ConfigReader {
    static let rrdcachedKeys = ["backend", "rrdcached", "rrdcached_queue_points", "rrdcached_timeout", "rrdcached_replay_window"]

    struct CachedStorage {
        var backend: (name: String, node: Node)?
        var address: RRDCachedAddress?
        var addressNode: Node?
        var settings = RRDCachedSettings(address: RRDCachedAddress(.unix(path: "/run/rrdcached.sock")))
    }

    mutating func readRRDCached(_ key: String, _ value: Node, into cached: inout CachedStorage) {
        let path = "storage." + key
        switch key {
        case "backend":
            guard let name = string(value, path) else { return }
            guard ["local", "rrdcached"].contains(name) else {
                problem(value, path, "expected 'local' (RRD files written by the daemon, the default) or 'rrdcached', got '\(name)'")
                return
            }
            cached.backend = (name, value)
        case "rrdcached":
            guard let text = string(value, path) else { return }
            cached.addressNode = value
            do { cached.address = try RRDCachedAddress(parsing: text) } catch { problem(value, path, "\(error)") }
        case "rrdcached_queue_points":
            integer(value, path, 1_000...100_000_000).map { cached.settings.maxQueuedPoints = $0 }
        case "rrdcached_timeout":
            duration(value, path).map { seconds in
                guard (1...300).contains(seconds) else { return problem(value, path, "expected 1s to 5m") }
                cached.settings.timeoutSeconds = seconds
            }
        case "rrdcached_replay_window":
            duration(value, path).map { seconds in
                guard (0...86_400).contains(seconds) else { return problem(value, path, "expected 0s (off) to 1d") }
                cached.settings.replaySeconds = seconds
            }
        default: break
        }
    }

    mutating func finishRRDCached(_ cached: CachedStorage, _ node: Node, into backend: inout StorageBackend) {
        switch cached.backend?.name {
        case "rrdcached":
            guard let address = cached.address else {
                if cached.addressNode == nil {
                    problemAt(node, "storage.rrdcached", "backend: rrdcached needs its address: rrdcached: unix:/run/rrdcached.sock or HOST:PORT")
                }
                return
            }
            var settings = cached.settings
            settings.address = address
            backend = .rrdcached(settings)
        default:
            if let addressNode = cached.addressNode {
                problem(addressNode, "storage.rrdcached", "is only used with backend: rrdcached; add it, or remove this line")
            }
        }
    }
}
