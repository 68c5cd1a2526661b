/// A parsed Prometheus text-format 0.0.4 exposition
/// (https://prometheus.io/docs/instrumenting/exposition_formats/).
///
/// Choices where the format leaves room, following Prometheus' own scrape parser:
/// - Label values: `\\`, `\"`, `\n` are unescaped; any other backslash pair is kept literally.
///   HELP docstrings: only `\\` and `\n`.
/// - Values: Go `ParseFloat` without hex floats or `_` (so `0x10` is an issue); `NaN`, `Inf`,
///   `Infinity` with any case (sign allowed on Inf only); a finite literal beyond Double
///   (`1e400`) is an issue. Timestamps: int64 milliseconds, optional sign.
/// - Histogram `_bucket` samples must carry a float `le`, summary samples a float `quantile`.
/// - Duplicate series (same name, same labels in any order, compared byte-wise): the first is
///   kept, each repeat is an issue. A second HELP or TYPE for a name, or a TYPE that arrives
///   after samples it would have typed, is an issue and ignored.
/// - Invalid UTF-8 in a label value is an issue; in a HELP docstring it becomes U+FFFD.
public struct Exposition: Sendable {
    /// Valid samples in input order, at most `maxSamples` of them.
    public var samples: [Sample]
    /// Family → HELP docstring, unescaped (`\\`, `\n`).
    public var help: [String: String]
    /// Family → declared TYPE.
    public var types: [String: MetricType]
    /// The first `maxIssues` skipped lines, so hostile input cannot grow memory.
    public var issues: [ParseIssue]
    /// All skipped lines, including those past `issues`.
    public var issueCount: Int
    /// Valid samples seen after `maxSamples` were kept; they are fully checked (bad ones are
    /// issues) but not stored, and are not checked for duplicates.
    public var droppedSamples: Int

    /// How many issues are kept in `issues`.
    public static let maxIssues = 100

    public init(
        samples: [Sample] = [], help: [String: String] = [:], types: [String: MetricType] = [:],
        issues: [ParseIssue] = [], issueCount: Int = 0, droppedSamples: Int = 0
    ) {
        self.samples = samples
        self.help = help
        self.types = types
        self.issues = issues
        self.issueCount = issueCount
        self.droppedSamples = droppedSamples
    }

    /// Parses `bytes` (UTF-8 text; `\n` or `\r\n` line ends; the last line needs no newline).
    ///
    /// Never fails: a bad line becomes an issue and is skipped. Runs in time linear in the
    /// input. Past `maxSamples` kept samples the rest of the input is still scanned, so
    /// `droppedSamples` and `issues` stay meaningful, but nothing more is stored; HELP/TYPE
    /// entries are likewise capped at `max(maxSamples, 1024)` families.
    public static func parse(_ bytes: [UInt8], maxSamples: Int = 1_000_000) -> Exposition {
        var parser = ExpositionParser(maxSamples: max(0, maxSamples), inputSize: bytes.count)
        bytes.withUnsafeBufferPointer { parser.run($0) }
        return parser.result
    }
}
