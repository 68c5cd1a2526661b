import ArgumentParser
import Foundation
import MetricStore

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List stored metrics with their last update time and value.",
        discussion: "PATTERN is a glob over names: '*' matches within a segment, '**' across segments, e.g. 'host.cpu.*' or 'app.**'."
    )

    @Argument(help: "Only metrics whose names match this pattern.")
    var pattern: String?

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let glob: MetricPattern?
        do {
            glob = try pattern.map { try MetricPattern($0) }
        } catch {
            throw ValidationError("\(error)")
        }
        let directory = try options.resolveDataDirectory()
        let backend = try LocalRRDBackend(dataDirectory: directory)
        let metrics = try await backend.list(matching: glob)
        if metrics.isEmpty {
            FileHandle.standardError.write(Data("no metrics\(pattern.map { " matching '\($0)'" } ?? "") in \(backend.dataDirectory)\n".utf8))
            return
        }
        print(Self.table(metrics))
    }

    static func table(_ metrics: [MetricSummary]) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let rows = metrics.map { metric in
            [metric.name.rawValue,
             formatter.string(from: Date(timeIntervalSince1970: TimeInterval(metric.lastUpdate))),
             metric.lastValue.map { String(format: "%.6g", $0) } ?? "unknown"]
        }
        return Table.render([["NAME", "LAST UPDATE", "VALUE"]] + rows)
    }
}
