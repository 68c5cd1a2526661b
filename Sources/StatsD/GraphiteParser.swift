import MetricStore

/// One good Graphite plaintext line.
public struct GraphiteLine: Sendable, Equatable {
    public var name: MetricName
    public var value: Double
    public var time: Int

    public init(name: MetricName, value: Double, time: Int) {
        self.name = name
        self.value = value
        self.time = time
    }
}

/// What `GraphiteParser.parse(_:now:)` found in a batch of lines.
public struct GraphiteParseResult: Sendable, Equatable {
    /// One `MetricKind.gauge` sample per good line, in order.
    public var samples: [Sample] = []
    public var badLines = BadLines()

    public init() {}
}

/// Parses Graphite's plaintext protocol: `path value [timestamp]` per line.
///
/// - Fields are separated by runs of spaces or tabs; leading and trailing ones are ignored, and a
///   `\r` before the `\n` is dropped. Exactly 2 or 3 fields, else `bad_format`; empty lines are
///   skipped.
/// - `path` must be a valid `MetricName` (`bad_name`, never sanitized). Tagged paths
///   (`disk.used;dc=a`) are not supported and refused as `tagged_path`.
/// - `value` is a plain decimal with a finite value (`bad_value`: no `nan`, `inf`, hex).
/// - `timestamp`, in epoch seconds, is a plain decimal: missing or `-1` means `now`, fractions are
///   floored; negative or beyond `maxTimestamp` (a timestamp in milliseconds) is `bad_timestamp`.
///   How far from now a timestamp may be is the writer's rule, not the parser's.
public enum GraphiteParser {
    /// The year 2286 in epoch seconds: a 13-digit millisecond timestamp is beyond it.
    public static let maxTimestamp = 10_000_000_000
    /// Longer lines are refused as `too_long` (carbon's own line receiver allows 16 KiB).
    public static let maxLineLength = 16_384

    public static func parse(line: UnsafeRawBufferPointer, now: Int) -> Result<GraphiteLine, BadLineReason> {
        var line = line
        if line.last == UInt8(ascii: "\r") { line = UnsafeRawBufferPointer(rebasing: line.dropLast()) }
        guard line.count <= maxLineLength else { return .failure(.tooLong) }
        var fields: (Range<Int>, Range<Int>, Range<Int>) = (0..<0, 0..<0, 0..<0)
        var fieldCount = 0
        var index = 0
        let count = line.count
        while index < count {
            while index < count, isBlank(line[index]) { index += 1 }
            guard index < count else { break }
            let start = index
            while index < count, !isBlank(line[index]) { index += 1 }
            fieldCount += 1
            switch fieldCount {
            case 1: fields.0 = start..<index
            case 2: fields.1 = start..<index
            case 3: fields.2 = start..<index
            default: return .failure(.badFormat)
            }
        }
        guard fieldCount >= 2 else { return .failure(.badFormat) }

        let path = UnsafeRawBufferPointer(rebasing: line[fields.0])
        if path.contains(UInt8(ascii: ";")) { return .failure(.taggedPath) }
        guard path.count <= MetricName.maxLength,
              let name = try? MetricName(String(decoding: path, as: UTF8.self))
        else { return .failure(.badName) }
        guard let value = StrictDecimal.parse(UnsafeRawBufferPointer(rebasing: line[fields.1])) else {
            return .failure(.badValue)
        }
        var time = now
        if fieldCount == 3 {
            guard let stamp = StrictDecimal.parse(UnsafeRawBufferPointer(rebasing: line[fields.2])) else {
                return .failure(.badTimestamp)
            }
            if stamp != -1 {
                guard stamp >= 0, stamp <= Double(maxTimestamp) else { return .failure(.badTimestamp) }
                time = Int(stamp.rounded(.down))
            }
        }
        return .success(GraphiteLine(name: name, value: value, time: time))
    }

    public static func parse(line: [UInt8], now: Int) -> Result<GraphiteLine, BadLineReason> {
        line.withUnsafeBytes { parse(line: $0, now: now) }
    }

    public static func parse(line: String, now: Int) -> Result<GraphiteLine, BadLineReason> {
        parse(line: Array(line.utf8), now: now)
    }

    /// Every line of `bytes` (`\n`-separated); a refused line is counted and the rest still parsed.
    public static func parse(_ bytes: UnsafeRawBufferPointer, now: Int) -> GraphiteParseResult {
        var result = GraphiteParseResult()
        Lines.forEach(in: bytes) { line in
            guard line.contains(where: { !isBlank($0) }) else { return }
            switch parse(line: line, now: now) {
            case .success(let good):
                result.samples.append(Sample(name: good.name, kind: .gauge, time: good.time, value: good.value))
            case .failure(let reason):
                result.badLines.record(reason, line: line)
            }
        }
        return result
    }

    public static func parse(_ bytes: [UInt8], now: Int) -> GraphiteParseResult {
        bytes.withUnsafeBytes { parse($0, now: now) }
    }

    public static func parse(_ text: String, now: Int) -> GraphiteParseResult {
        parse(Array(text.utf8), now: now)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
