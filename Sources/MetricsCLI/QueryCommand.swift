import ArgumentParser
import EventStore
import Foundation
import GraphRender
import RRD
import TerminalQuery
import TimeSyntax

struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Show what metrics did over a time range: a table with sparklines, or JSON or CSV for scripts.",
        discussion: """
            PATTERN is a glob over names: '*' within a segment, '**' across segments, e.g. \
            'host.cpu.*.user' or 'app.**'. Times are -15m, -1h, now-1d, end-1w, epoch seconds or ISO 8601. \
            Reads the data directory directly, or a running daemon with --server. Exits 0 with data, \
            1 when no metric matches (the nearest names are suggested) or nothing can be read, 2 on a usage error.
            """
    )

    @Argument(help: "Metric name patterns; every stored metric matching one is a row.")
    var patterns: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Start of the range (default: one hour before --until).", valueName: "time"))
    var from: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("End of the range (default: now).", valueName: "time"))
    var until: String?

    @Option(help: ArgumentHelp("Seconds per point, e.g. 10s, 1m, 1h (default: the finest stored).", valueName: "duration"))
    var step: String?

    @Option(help: ArgumentHelp("Consolidation: AVERAGE, MIN, MAX or LAST.", valueName: "cf"))
    var cf: String = "AVERAGE"

    @Option(help: ArgumentHelp("table, json (the HTTP API's shape) or csv (one row per timestamp).", valueName: "format"))
    var format: String = "table"

    @Option(help: ArgumentHelp("Metrics shown at most; the rest are counted.", valueName: "n"))
    var limit: Int = 100

    @Option(help: ArgumentHelp("Redraw every SECONDS (default: 10) until interrupted.", valueName: "seconds"))
    var watch: Int?

    @Option(help: ArgumentHelp("Ask a running daemon instead of reading files, e.g. http://127.0.0.1:8080.", valueName: "url"))
    var server: String?

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let request = try usage { try makeRequest() }
        repeat {
            let output = await answer(request)
            // In watch mode, home and clear first, in the same write: the table redraws in place.
            FileHandle.standardOutput.write(Data((watch != nil ? Array("\u{1B}[H\u{1B}[J".utf8) : []) + output))
            guard let watch else { return }
            try await Task.sleep(for: .seconds(watch > 0 ? watch : 10))
        } while true
    }

    /// The arguments checked; any problem here is a usage error (exit 2).
    private func makeRequest() throws -> LocalQuery {
        guard !patterns.isEmpty else { throw ValidationError("give at least one metric pattern, e.g. 'host.cpu.total.*'") }
        guard ["table", "json", "csv"].contains(format) else { throw ValidationError("--format is table, json or csv, not '\(format.prefix(20))'") }
        guard let consolidation = Consolidation(rawValue: cf.uppercased()) else { throw ValidationError("--cf is AVERAGE, MIN, MAX or LAST, not '\(cf.prefix(20))'") }
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit is 1 to 10000") }
        if let watch, watch < 0 { throw ValidationError("--watch takes a number of seconds") }
        let range = try TimeSyntax.range(from: from ?? "end-1h", until: until, now: Int(Date().timeIntervalSince1970), maxSpan: GraphLimits.maxRange)
        let seconds = try step.map { try TimeSyntax.duration($0) }
        return LocalQuery(patterns: patterns, start: range.start, end: range.end, step: seconds, cf: consolidation, limit: limit)
    }

    /// The text to print, or an exit with the reason.
    private func answer(_ request: LocalQuery) async -> [UInt8] {
        let result: QueryResult
        if let server {
            do { result = try await RemoteQuery(server: server, query: request).run() } catch { fail("\(error)", code: 1) }
        } else {
            let directory: String
            do { directory = try options.resolveDataDirectory() } catch { fail("\(error)", code: 1) }
            do {
                switch try await request.run(dataDirectory: directory, events: localEvents(directory, request)) {
                case .result(let found): result = found
                case .noMatch(let suggestions):
                    let hint = suggestions.isEmpty ? "; 'metrics list' shows what is stored" : "; did you mean \(suggestions.joined(separator: ", "))?"
                    fail("no metric matches \(patterns.joined(separator: " ")) in \(directory)\(hint)", code: 1)
                }
            } catch {
                fail("\(error)", code: 2)
            }
        }
        if result.data.series.isEmpty {
            fail(result.failures.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "\n") + "\nnothing could be read", code: 1)
        }
        return render(result)
    }

    /// Deploys and other events in the range, from the data directory's event store when there is
    /// one; a store that cannot be read costs the marks, not the answer.
    private func localEvents(_ directory: String, _ request: LocalQuery) -> [TimelineEvent] {
        guard FileManager.default.fileExists(atPath: directory + "/" + EventStore.fileName) else { return [] }
        do {
            return try EventStore(dataDirectory: directory).events(from: request.start, until: request.end, limit: 1_000).map(TimelineEvent.init)
        } catch {
            warn("events not shown: \(error)")
            return []
        }
    }

    /// Bytes, not a String: the JSON of 100 metrics over a day is 20 MB.
    private func render(_ result: QueryResult) -> [UInt8] {
        switch format {
        case "json": return ((try? result.data.json()) ?? Array("{}".utf8)) + [UInt8(ascii: "\n")]
        case "csv": return Array(QueryCSV.render(result.data).utf8)
        default:
            let terminal = isatty(STDOUT_FILENO) == 1
            let table = QueryTable(width: TerminalWidth.columns(), style: .detect(isTerminal: terminal, environment: ProcessInfo.processInfo.environment))
            for (name, why) in result.failures where format != "table" { warn("\(name): not read: \(why)") }
            return Array(table.render(result).utf8)
        }
    }

    private func usage<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { fail("\(error)", code: 2) }
    }

    private func warn(_ message: String) {
        FileHandle.standardError.write(Data("metrics query: \(message)\n".utf8))
    }

    /// Exits with `code` after saying why; usage errors (2) also show the usage line.
    private func fail(_ message: String, code: Int32) -> Never {
        warn(message)
        if code == 2 { FileHandle.standardError.write(Data("Usage: metrics \(Self.usageString())\n".utf8)) }
        Foundation.exit(code)
    }
}

/// The terminal's width: the window size of standard output, else $COLUMNS, else 100.
enum TerminalWidth {
    static func columns() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        return 100
    }
}
