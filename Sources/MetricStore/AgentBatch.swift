import Foundation

/// The body of `POST /api/v1/samples`: samples an agent collected, each series with its kind and
/// its own timestamps, so the central writes them as if it had collected them itself (a counter
/// stays a counter, a late point stays late). JSON, so proxies and people can read it.
public struct AgentBatch: Codable, Sendable, Equatable {
    public struct Series: Codable, Sendable, Equatable {
        public var name: String
        public var kind: MetricKind
        /// Epoch seconds, parallel to `values`.
        public var times: [Int]
        public var values: [Double]

        public init(name: String, kind: MetricKind, times: [Int], values: [Double]) {
            (self.name, self.kind, self.times, self.values) = (name, kind, times, values)
        }
    }

    /// The agent's host name: every series name starts with `hosts.<host>.`.
    public var host: String
    public var series: [Series]

    public init(host: String, series: [Series]) {
        self.host = host
        self.series = series
    }

    public var sampleCount: Int { series.reduce(0) { $0 + $1.times.count } }

    /// Headers an agent sends with every batch.
    public static let hostHeader = "X-Metrics-Host"
    public static let machineHeader = "X-Metrics-Machine-Id"
    public static let path = "/api/v1/samples"

    /// 1 to 64 of `[A-Za-z0-9-]`: a UUID, or /etc/machine-id's hex.
    public static func isValidMachineID(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count) && id.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
        }
    }

    public func encoded() -> [UInt8] {
        // Encoding plain strings and finite numbers cannot fail.
        Array((try? JSONEncoder().encode(self)) ?? Data())
    }

    /// The samples, checked: names valid and under `hosts.<host>.`, times and values paired.
    public func samples() throws(AgentBatchError) -> [Sample] {
        let prefix = "hosts.\(host)."
        var samples: [Sample] = []
        samples.reserveCapacity(sampleCount)
        for series in series {
            guard series.name.hasPrefix(prefix) else { throw .foreignName(series.name, host: host) }
            let name: MetricName
            do { name = try MetricName(series.name) } catch { throw .badName(series.name, "\(error)") }
            guard series.times.count == series.values.count else { throw .unpaired(series.name) }
            for (time, value) in zip(series.times, series.values) {
                samples.append(Sample(name: name, kind: series.kind, time: time, value: value))
            }
        }
        return samples
    }
}

public enum AgentBatchError: Error, Equatable, CustomStringConvertible {
    case foreignName(String, host: String)
    case badName(String, String)
    case unpaired(String)

    public var description: String {
        switch self {
        case .foreignName(let name, let host): "'\(name)' is not under hosts.\(host).: an agent writes only its own host's metrics"
        case .badName(let name, let why): "'\(name)': \(why)"
        case .unpaired(let name): "'\(name)': times and values differ in count"
        }
    }
}
