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

    @Option(help: ArgumentHelp("table, or json: [{\"name\", \"last_update\", \"value\"}] with value null when unknown.", valueName: "format"))
    var format: String = "table"

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let glob: MetricPattern?
        do {
            glob = try pattern.map { try MetricPattern($0) }
        } catch {
            throw ValidationError("\(error)")
        }
        guard ["table", "json"].contains(format) else { throw ValidationError("--format is table or json, not '\(format.prefix(20))'") }
        let directory = try options.resolveDataDirectory()
        let backend = try LocalRRDBackend(dataDirectory: directory)
        let metrics = try await backend.list(matching: glob)
        if metrics.isEmpty {
            FileHandle.standardError.write(Data("no metrics\(pattern.map { " matching '\($0)'" } ?? "") in \(backend.dataDirectory)\n".utf8))
            if format == "json" { print("[]") }
            throw ExitCode(1)
        }
        print(format == "json" ? try Self.json(metrics) : Self.table(metrics))
    }

    static func json(_ metrics: [MetricSummary]) throws -> String {
        struct Entry: Encodable {
            var name: String
            var last_update: Int
            var value: Double?

            enum CodingKeys: String, CodingKey { case name, last_update, value }

            func encode(to encoder: any Encoder) throws {
                var keys = encoder.container(keyedBy: CodingKeys.self)
                try keys.encode(name, forKey: .name)
                try keys.encode(last_update, forKey: .last_update)
                try keys.encode(value.flatMap { $0.isFinite ? $0 : nil }, forKey: .value)  // null, never NaN
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let entries = metrics.map { Entry(name: $0.name.rawValue, last_update: $0.lastUpdate, value: $0.lastValue) }
        return String(decoding: try encoder.encode(entries), as: UTF8.self)
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
