/// Why a StatsD or Graphite line was refused. The raw values are stable: the daemon counts them as
/// `metrics.self.statsd.bad_lines.<reason>` (and `...graphite.bad_lines.<reason>`), so a new case
/// is a new series, and renaming one breaks dashboards.
public enum BadLineReason: String, CaseIterable, Sendable, Error {
    /// The name is not a valid `MetricName` (also after tag segments are appended). Never sanitized:
    /// a sender with a bad name should see its metric missing, not find it under another name.
    case badName = "bad_name"
    /// Missing, non-decimal (`nan`, `inf`, `0x1p3`, `1,5`) or non-finite (`1e400`) value.
    case badValue = "bad_value"
    /// StatsD type missing from the known set (`c`, `g`, `ms`, `h`, `s`, `d`); case matters.
    case badType = "bad_type"
    /// StatsD `@rate` that is not a plain decimal in (0, 1], or given twice.
    case badSampleRate = "bad_sample_rate"
    /// DogStatsD `#tags` section with an empty tag or key, or given twice.
    case badTags = "bad_tags"
    /// The line's shape: no `:` after the name, no `|type`, an empty `|` section; Graphite lines
    /// with other than 2 or 3 fields.
    case badFormat = "bad_format"
    /// Longer than the parser's line limit; not looked at further.
    case tooLong = "too_long"
    /// Graphite timestamp that is not a plain decimal, negative (other than `-1`, meaning now) or
    /// beyond `GraphiteParser.maxTimestamp` (milliseconds sent as seconds).
    case badTimestamp = "bad_timestamp"
    /// Graphite tagged path (`disk.used;dc=a`): not supported; refused rather than stored under a
    /// name that drops the tags.
    case taggedPath = "tagged_path"
    /// DogStatsD event (`_e{...}`) whose lengths do not match its title and text, with an empty
    /// title, an unknown priority or alert type, an empty section, or text the event store refuses.
    case badEvent = "bad_event"
}

/// The first few refused lines of a batch, for rate-limited logging, and a count per reason.
public struct BadLines: Sendable, Equatable {
    /// How many examples a batch keeps.
    public static let maxExamples = 5
    /// How long an example may be, in characters after escaping.
    public static let maxExampleLength = 100

    public var counts: [BadLineReason: Int] = [:]
    /// `"<reason>: <line>"`, the line escaped (printable ASCII kept, `\` doubled, every other byte
    /// as `\xNN`) and cut to `maxExampleLength` characters with a trailing `...`.
    public var examples: [String] = []

    public init() {}

    public var total: Int { counts.values.reduce(0, +) }

    public mutating func record(_ reason: BadLineReason, line: UnsafeRawBufferPointer) {
        counts[reason, default: 0] += 1
        if examples.count < Self.maxExamples {
            examples.append(reason.rawValue + ": " + Self.escaped(line))
        }
    }

    /// Printable ASCII as is, everything else as `\xNN`, so a log line can never carry control
    /// characters, terminal escapes or invalid UTF-8 from the network.
    static func escaped(_ line: UnsafeRawBufferPointer) -> String {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(min(line.count, maxExampleLength) + 8)
        for byte in line {
            let piece: [UInt8]
            switch byte {
            case UInt8(ascii: "\\"): piece = [byte, byte]
            case 0x20...0x7E: piece = [byte]
            default: piece = [UInt8(ascii: "\\"), UInt8(ascii: "x"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
            if out.count + piece.count > maxExampleLength {
                out.append(contentsOf: Array("...".utf8))
                break
            }
            out.append(contentsOf: piece)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
