import ArgumentParser
import Foundation
import GraphRender
import MetricStore
import TimeSyntax

struct GraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw stored metrics as a PNG graph, one line per metric matching the patterns.",
        discussion: """
            PATTERN is a glob over names: '*' matches within a segment, '**' across segments, \
            e.g. 'host.cpu.*.user' or 'app.**'. Times are -1h, now-1d, end-1w, epoch seconds or \
            ISO 8601 (2026-11-28T14:00Z). Exits 0 when the file is written, 1 when no metric \
            matches, 2 on a usage error.
            """
    )

    @Argument(help: "Metric name patterns; every stored metric matching one becomes a line.")
    var patterns: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("PNG file to write, '-' for standard output.", valueName: "file"))
    var output: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Start of the graph (default: one day before --until).", valueName: "time"))
    var from: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("End of the graph (default: now).", valueName: "time"))
    var until: String?

    @Option(name: .long, help: ArgumentHelp("Width of the drawing area in pixels (100 to 4000).", valueName: "pixels"))
    var width: Int = 800

    @Option(name: .long, help: ArgumentHelp("Height of the drawing area in pixels (50 to 3000).", valueName: "pixels"))
    var height: Int = 250

    @Option(name: .long, help: ArgumentHelp("'light' for a desk, 'dark' for a wall screen.", valueName: "theme"))
    var theme: String = "light"

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let directory: String, spec: GraphSpec
        do {
            directory = try options.resolveDataDirectory()
        } catch {
            fail("\(error)", code: 2)
        }
        do {
            spec = try makeSpec(dataDirectory: directory)
        } catch GraphError.noMatchingMetrics(let patterns) {
            fail("\(GraphError.noMatchingMetrics(patterns)) (data directory \(directory))", code: 1)
        } catch {
            fail("\(error)", code: 2)
        }
        do {
            try write(try await GraphRenderer.png(spec, dataDirectory: directory))
        } catch {
            fail("\(error)", code: 1)
        }
    }

    /// Validates the arguments (usage errors) and expands the patterns into a spec.
    private func makeSpec(dataDirectory: String) throws -> GraphSpec {
        guard !patterns.isEmpty else { throw ValidationError("give at least one metric pattern, e.g. 'host.load.*'") }
        guard output != nil else { throw ValidationError("give the PNG file to write with -o FILE.png ('-' for standard output)") }
        guard let theme = GraphTheme(rawValue: theme) else { throw ValidationError("--theme is 'light' or 'dark', not '\(theme.prefix(20))'") }
        var globs: [MetricPattern] = []
        for pattern in patterns { globs.append(try MetricPattern(pattern)) }
        let range = try TimeSyntax.range(from: from, until: until, now: Int(Date().timeIntervalSince1970), maxSpan: GraphLimits.maxRange)
        return try PatternGraph.spec(patterns: globs, dataDirectory: dataDirectory, start: range.start, end: range.end,
                                     width: width, height: height, theme: theme)
    }

    private func write(_ png: [UInt8]) throws {
        if output == "-" {
            FileHandle.standardOutput.write(Data(png))
        } else if let output {
            do {
                try Data(png).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw ValidationError("cannot write '\(output)': \(error.localizedDescription)")
            }
        }
    }

    /// Exits with `code` after saying why; usage errors (2) also show the usage line.
    private func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("metrics graph: \(message)\n".utf8))
        if code == 2 { FileHandle.standardError.write(Data("Usage: metrics \(Self.usageString())\n".utf8)) }
        Foundation.exit(code)
    }
}
