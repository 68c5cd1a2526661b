import Collectors
import MetricStore
import Yams

extension ConfigReader {
    /// Whatever runs less often than its files' heartbeat would store only unknowns: collectors,
    /// endpoints and programs are each checked against the schema their metrics will get.
    mutating func checkHeartbeats(_ config: DaemonConfiguration, root: Node) {
        struct Runner {
            var key: String
            var interval: Int
            var sample: String
            var node: Node?
        }
        let collectors = root["collectors"]
        var runners = config.collectors.entries.sorted { $0.key < $1.key }.compactMap { id, entry -> Runner? in
            guard entry.enabled, let sample = CollectorSettings.representativeName[id] else { return nil }
            let node = collectors?[id]?["interval"] ?? collectors?[id] ?? collectors
            return Runner(key: "collectors.\(id).interval", interval: entry.interval ?? config.step, sample: sample, node: node)
        }
        runners += config.endpoints.compactMap { endpoint in
            endpoint.interval.map { Runner(key: "endpoint \(endpoint.name)", interval: $0, sample: "\(endpoint.prefix).up", node: root) }
        }
        runners += config.programs.compactMap { program in
            program.interval.map { Runner(key: "program \(program.name)", interval: $0, sample: "\(program.prefix ?? "exec.\(program.name)").exit_status", node: root) }
        }
        for runner in runners {
            guard let name = try? MetricName(runner.sample) else { continue }
            let schema = config.retention.schema(for: name)
            if runner.interval > schema.heartbeat {
                problemAt(runner.node, runner.key, "runs every \(DurationText.format(runner.interval)) but retention schema '\(schema.name)' marks values unknown after a heartbeat of \(DurationText.format(schema.heartbeat)); shorten the interval or give its metrics a schema with a longer heartbeat")
            }
        }
    }
}
