import ArgumentParser
import CollectorCore
import Curl
import Foundation
import Logging
import MetricStore
import MetricsConfig
import MetricsDaemon

struct CollectorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collectors",
        abstract: "List the enabled collectors and the series each declares.",
        discussion: """
            With --once, run each host collector and print the values it yields, without writing \
            anything. Rates (CPU percent) need two readings, so --once reads, waits one second and \
            reads again; counters are printed as their raw totals.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Configuration file; without it the embedded default.", valueName: "file"))
    var config: String?

    @Flag(name: .long, help: "Run the collectors once and print their values.")
    var once = false

    func run() async throws {
        let loaded: DaemonConfiguration
        do {
            loaded = try ConfigurationLoader.load(file: config)
        } catch {
            throw ValidationError("the configuration has problems:\n\(error)")
        }
        let logger = Log.bootstrap(level: .warning)
        let client = HTTPClient()
        defer { client.shutdown() }
        let collectors = CollectorSet.host(loaded.collectors, logger: logger) + CollectorSet.endpoints(loaded, client: client, logger: logger)
            + CollectorSet.programs(loaded, logger: logger)
        if loaded.collectors.selfEnabled {
            print("self (every \(DurationText.format(loaded.collectors["self"].interval ?? loaded.step))): the daemon's own health, metrics.self.*, only inside 'metrics serve'\n")
        }
        if once {
            for collector in collectors { _ = try? await collector.collect(at: 0) }
            try await Task.sleep(for: .seconds(1))
        }
        for collector in collectors {
            let interval = DurationText.format(collector.interval ?? loaded.step)
            do {
                let rows = once ? try await valueRows(collector) : try await seriesRows(collector)
                print("\(collector.id) (every \(interval), \(rows.count) series)")
                print(Table.render(rows, indent: 2))
            } catch {
                print("\(collector.id) (every \(interval)): FAILED: \(error)")
            }
            print("")
        }
    }

    private func seriesRows(_ collector: any Collector) async throws -> [[String]] {
        try await collector.declaredSeries().map { spec in
            [spec.name.rawValue, spec.unit, Self.kindLabel(spec.kind)]
        }
    }

    private func valueRows(_ collector: any Collector) async throws -> [[String]] {
        let units = Dictionary(try await collector.declaredSeries().map { ($0.name, $0.unit) }) { first, _ in first }
        let time = Int(Date().timeIntervalSince1970)
        return try await collector.collect(at: time).map { sample in
            [sample.name.rawValue, Self.format(sample.value), units[sample.name] ?? "", Self.kindLabel(sample.kind)]
        }
    }

    static func kindLabel(_ kind: MetricKind) -> String {
        switch kind {
        case .gauge: return "gauge"
        case .counter: return "counter (raw total; stored per second)"
        case .absolute: return "count per interval"
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.4g", value)
    }
}

/// Left-aligned columns separated by two spaces.
enum Table {
    static func render(_ rows: [[String]], indent: Int = 0) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        let pad = String(repeating: " ", count: indent)
        return rows.map { row in
            pad + row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
