import Foundation
import PrometheusText

/// Fixture files live next to the tests and are found through #filePath (not bundled).
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}

func parse(_ text: String, maxSamples: Int = 1_000_000) -> Exposition {
    Exposition.parse(Array(text.utf8), maxSamples: maxSamples)
}

extension Exposition {
    /// Samples called `name`, in input order.
    func named(_ name: String) -> [Sample] { samples.filter { $0.name == name } }

    /// The one sample called `name` whose labels include all of `labels`.
    func sample(_ name: String, _ labels: [String: String] = [:]) -> Sample? {
        let matches = samples.filter { s in s.name == name && labels.allSatisfy { s.label($0.key) == $0.value } }
        return matches.count == 1 ? matches[0] : nil
    }
}

/// A small deterministic generator (SplitMix64) so random tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A realistic exposition: `series` samples in families of 10, names ~30 characters, 2–4
/// labels, HELP and TYPE per family, a mix of integer, decimal and exponent values.
func realisticExposition(series: Int) -> [UInt8] {
    var rng = SplitMix64(seed: 42)
    let subsystems = ["http_server", "database_pool", "cache_layer", "queue_worker", "grpc_client"]
    let measures = [
        "requests_handled", "request_duration", "bytes_transferred", "active_connections", "errors_observed",
    ]
    let methods = ["GET", "POST", "PUT", "DELETE"]
    let handlers = ["/api/v1/items", "/api/v1/users", "/healthz", "/metrics", "/api/v2/orders/search"]
    var out = ""
    out.reserveCapacity(series * 110)
    var family = 0
    var written = 0
    while written < series {
        let counter = family % 2 == 0
        let name = "app_\(subsystems[family % 5])_\(measures[(family / 5) % 5])_\(family)" + (counter ? "_total" : "")
        out += "# HELP \(name) Some help text for \(name).\n"
        out += "# TYPE \(name) \(counter ? "counter" : "gauge")\n"
        for k in 0..<min(10, series - written) {
            let labelCount = 2 + k % 3
            var labels = "method=\"\(methods[k % 4])\",handler=\"\(handlers[(k / 4) % 5])\""
            if labelCount > 2 { labels += ",instance=\"host-\(k)\"" }
            if labelCount > 3 { labels += ",status=\"\(200 + k)\"" }
            let value: String
            switch rng.next() % 3 {
            case 0: value = String(rng.next() % 1_000_000)
            case 1: value = String(Double(rng.next() % 100_000) / 1000)
            default: value = String(format: "%.6e", Double(rng.next() % 10_000_000) * 1.37)
            }
            out += "\(name){\(labels)} \(value)\n"
            written += 1
        }
        family += 1
    }
    return Array(out.utf8)
}
