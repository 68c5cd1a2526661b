import ArgumentParser
import EventStore
import Foundation
import GraphRender
import RRD
import TerminalQuery
import TimeSyntax

/// Runs `metrics query`: checks the arguments, reads the data directory (or asks `remote` for
/// `--server`), prints the table, JSON or CSV, and redraws with `--watch`.
public struct QueryRunner {
    /// Answers a query through a daemon; nil in a binary without HTTP.
    public typealias Remote = @Sendable (_ server: String, _ query: LocalQuery) async throws -> QueryResult

    let options: QueryOptions
    let usageLine: String
    let remote: Remote?

    public init(options: QueryOptions, usageLine: String, remote: Remote?) {
        self.options = options
        self.usageLine = usageLine
        self.remote = remote
    }

    public func run() async throws {
        let request = try usage { try makeRequest() }
        repeat {
            let output = await answer(request)
            // In watch mode, home and clear first, in the same write: the table redraws in place.
            FileHandle.standardOutput.write(Data((options.watch != nil ? Array("\u{1B}[H\u{1B}[J".utf8) : []) + output))
            guard let watch = options.watch else { return }
            try await Task.sleep(for: .seconds(watch > 0 ? watch : 10))
        } while true
    }

    /// The arguments checked; any problem here is a usage error (exit 2).
    private func makeRequest() throws -> LocalQuery {
        guard !options.patterns.isEmpty else { throw ValidationError("give at least one metric pattern, e.g. 'host.cpu.total.*'") }
        let format = options.format, cf = options.cf
        guard ["table", "json", "csv"].contains(format) else { throw ValidationError("--format is table, json or csv, not '\(format.prefix(20))'") }
        guard let consolidation = Consolidation(rawValue: cf.uppercased()) else { throw ValidationError("--cf is AVERAGE, MIN, MAX or LAST, not '\(cf.prefix(20))'") }
        guard (1...10_000).contains(options.limit) else { throw ValidationError("--limit is 1 to 10000") }
        if let watch = options.watch, watch < 0 { throw ValidationError("--watch takes a number of seconds") }
        let range = try TimeSyntax.range(from: options.from ?? "end-1h", until: options.until, now: Int(Date().timeIntervalSince1970),
                                         maxSpan: GraphLimits.maxRange)
        let seconds = try options.step.map { try TimeSyntax.duration($0) }
        return LocalQuery(patterns: options.patterns, start: range.start, end: range.end, step: seconds, cf: consolidation, limit: options.limit)
    }

    /// The text to print, or an exit with the reason.
    private func answer(_ request: LocalQuery) async -> [UInt8] {
        let result: QueryResult
        if let server = options.server {
            guard let remote else { fail("--server needs metrics-core next to this binary", code: 2) }
            do { result = try await remote(server, request) } catch { fail("\(error)", code: 1) }
        } else {
            let directory: String
            do { directory = try DataDirectoryLocator.resolve(dataDir: options.dataDir, config: options.config) } catch { fail("\(error)", code: 1) }
            do {
                switch try await request.run(dataDirectory: directory, events: localEvents(directory, request)) {
                case .result(let found): result = found
                case .noMatch(let suggestions):
                    let hint = suggestions.isEmpty ? "; 'metrics list' shows what is stored" : "; did you mean \(suggestions.joined(separator: ", "))?"
                    fail("no metric matches \(options.patterns.joined(separator: " ")) in \(directory)\(hint)", code: 1)
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
        // The table lists the metrics it could not read; JSON and CSV say so on stderr.
        for (name, why) in result.failures.sorted(by: { $0.key < $1.key }) where options.format != "table" { warn("\(name): not read: \(why)") }
        switch options.format {
        case "json": return ((try? result.data.json()) ?? Array("{}".utf8)) + [UInt8(ascii: "\n")]
        case "csv": return Array(QueryCSV.render(result.data).utf8)
        default:
            let terminal = isatty(STDOUT_FILENO) == 1
            let table = QueryTable(width: TerminalWidth.columns(), style: .detect(isTerminal: terminal, environment: ProcessInfo.processInfo.environment))
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
        if code == 2 { FileHandle.standardError.write(Data("Usage: metrics \(usageLine)\n".utf8)) }
        Foundation.exit(code)
    }
}
