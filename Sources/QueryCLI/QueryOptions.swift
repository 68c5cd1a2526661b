import ArgumentParser

/// The arguments of `metrics query`, shared by the front binary (which answers local queries
/// itself) and `metrics-core` (which also answers `--server` ones).
public struct QueryOptions: ParsableArguments {
    @Argument(help: "Metric name patterns; every stored metric matching one is a row.")
    public var patterns: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Start of the range (default: one hour before --until).", valueName: "time"))
    public var from: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("End of the range (default: now).", valueName: "time"))
    public var until: String?

    @Option(help: ArgumentHelp("Seconds per point, e.g. 10s, 1m, 1h (default: the finest stored).", valueName: "duration"))
    public var step: String?

    @Option(help: ArgumentHelp("Consolidation: AVERAGE, MIN, MAX or LAST.", valueName: "cf"))
    public var cf: String = "AVERAGE"

    @Option(help: ArgumentHelp("table, json (the HTTP API's shape) or csv (one row per timestamp).", valueName: "format"))
    public var format: String = "table"

    @Option(help: ArgumentHelp("Metrics shown at most; the rest are counted.", valueName: "n"))
    public var limit: Int = 100

    @Option(help: ArgumentHelp("Redraw every SECONDS (default: 10) until interrupted.", valueName: "seconds"))
    public var watch: Int?

    @Option(help: ArgumentHelp("Ask a running daemon instead of reading files, e.g. http://127.0.0.1:8080.", valueName: "url"))
    public var server: String?

    @Option(name: .long, help: ArgumentHelp("Configuration file (YAML); query reads its data_dir. Without it the embedded default's.", valueName: "file"))
    public var config: String?

    @Option(name: .long, help: ArgumentHelp("Data directory holding the RRD files; overrides data_dir of the configuration.", valueName: "dir"))
    public var dataDir: String?

    public init() {}

    public static let abstract = "Show what metrics did over a time range: a table with sparklines, or JSON or CSV for scripts."
    public static let discussion = """
        PATTERN is a glob over names: '*' within a segment, '**' across segments, e.g. \
        'host.cpu.*.user' or 'app.**'. Times are -15m, -1h, now-1d, end-1w, epoch seconds or ISO 8601. \
        Reads the data directory directly, or a running daemon with --server. Exits 0 with data, \
        1 when no metric matches (the nearest names are suggested) or nothing can be read, 2 on a usage error.
        """
}
