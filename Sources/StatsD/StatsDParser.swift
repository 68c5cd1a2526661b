import MetricStore

/// Parses StatsD and DogStatsD lines from raw bytes: one UDP datagram, or a batch of TCP lines.
///
/// Lines are separated by `\n` (a `\r` before it is dropped); empty lines are skipped. A line is
///
///     name:value[:value...]|type[|@rate][|#tag,key:value...][|other section...][:value...|type...]
///
/// - `type` is `c` counter, `g` gauge, `ms` timer, `h` histogram, `s` set or `d` (DogStatsD)
///   distribution; case matters.
/// - Several values may share one type (DogStatsD packing, `name:1:2:3|ms`), and a line may carry
///   several groups of values, each with its own type and rate (etsy, `name:1|c:250|ms|@0.5`).
/// - `value` is a plain decimal (optional sign, digits, fraction, exponent) with a finite value:
///   no `nan`, `inf`, hex or `1,5`. A gauge value with a sign is a delta (`isDelta`). A set member
///   is any non-empty token without `|`, `:` or a line break.
/// - `@rate` is a plain decimal in (0, 1], at most one per group; it scales counter and timer
///   counts by 1/rate and is carried, unused, on gauges and sets.
/// - `#tags` (once per line, for all its values): comma-separated `key:value` or `key` (empty
///   value); an empty tag or key refuses the line. Other sections (DogStatsD container id `c:...`,
///   timestamp `T...`) are ignored; an empty section (`a:1|c|`) refuses the line.
/// - `_e{...}` events are parsed (`DogStatsDEvent`) into the summary; `_sc|...` service checks are counted, not parsed.
/// - The name must be a valid `MetricName`; it is never sanitized.
///
/// **Tag mapping**: the values of the tags whose keys are listed in `tagSegments` are appended to
/// the name as segments, in the order of `tagSegments` (a tag missing from the line is skipped; the
/// first of repeated keys wins), each made a valid segment by `MetricName.segment(from:)` (an empty
/// value becomes `_`); other tags are not part of the name. With `tagSegments: ["env"]`,
/// `page.views:1|c|#env:prod,host:a` is `page.views.prod`. The name with its segments must still
/// be a valid `MetricName`.
///
/// A line is taken whole or refused whole: one refused line is counted under one `BadLineReason`
/// and the rest of the batch is still parsed.
public enum StatsDParser {
    /// Lines longer than this are refused as `too_long` without being looked at (a UDP datagram
    /// holds at most 65,507 bytes; DogStatsD clients send at most 8 KiB).
    public static let maxLineLength = 8192

    /// Parses `bytes` into `sink`, line by line; what the sink refuses is counted as `bad_name`.
    public static func parse(_ bytes: UnsafeRawBufferPointer, tagSegments: [String] = [], into sink: inout some StatsDSink) -> StatsDParseSummary {
        var parser = StatsDLineParser(tagSegments: tagSegments)
        Lines.forEach(in: bytes) { line in
            if !line.isEmpty { parser.parse(line: line, into: &sink) }
        }
        return parser.summary
    }

    /// Parses `bytes` into one `StatsDMetric` per value.
    public static func parse(_ bytes: UnsafeRawBufferPointer, tagSegments: [String] = []) -> StatsDParseResult {
        var collector = MetricCollector()
        let summary = parse(bytes, tagSegments: tagSegments, into: &collector)
        var result = StatsDParseResult()
        result.metrics = collector.metrics
        result.badLines = summary.badLines
        result.events = summary.events
        result.serviceChecks = summary.serviceChecks
        return result
    }

    public static func parse(_ bytes: [UInt8], tagSegments: [String] = []) -> StatsDParseResult {
        bytes.withUnsafeBytes { parse($0, tagSegments: tagSegments) }
    }

    public static func parse(_ text: String, tagSegments: [String] = []) -> StatsDParseResult {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0), tagSegments: tagSegments) }
    }
}
