/// A validated metric name: dot-separated segments of `[A-Za-z0-9_-]`, e.g. `app.web.http.5xx`.
///
/// Names become file paths (`app/web/http/5xx.rrd`), so nothing else is allowed: no `/`, no `..`,
/// no empty segment, no segment starting with `-` (it would read as an option to a tool).
public struct MetricName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public static let maxLength = 255
    public static let maxSegments = 16
    public static let maxSegmentLength = 128

    public let rawValue: String
    public var description: String { rawValue }
    public var segments: [Substring] { rawValue.split(separator: ".", omittingEmptySubsequences: false) }

    public init(_ text: String) throws(MetricNameError) {
        try Self.validate(text)
        rawValue = text
    }

    /// Path of the metric's file relative to the data directory.
    public var relativePath: String {
        String(decoding: rawValue.utf8.map { $0 == UInt8(ascii: ".") ? UInt8(ascii: "/") : $0 }, as: UTF8.self) + ".rrd"
    }

    public static func < (lhs: MetricName, rhs: MetricName) -> Bool { lhs.rawValue < rhs.rawValue }

    private static func validate(_ text: String) throws(MetricNameError) {
        guard !text.isEmpty else { throw .empty }
        let bytes = Array(text.utf8)
        guard bytes.count <= maxLength else { throw .tooLong(length: bytes.count) }
        var segments = 1
        var segmentLength = 0
        for (offset, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: ".") {
                guard segmentLength > 0 else { throw .emptySegment(position: offset) }
                segments += 1
                segmentLength = 0
                continue
            }
            guard isAllowed(byte) else { throw .badCharacter(Self.character(in: text, atUTF8Offset: offset), position: offset) }
            if segmentLength == 0, byte == UInt8(ascii: "-") { throw .leadingDash(position: offset) }
            segmentLength += 1
            guard segmentLength <= maxSegmentLength else { throw .segmentTooLong(position: offset) }
        }
        guard segmentLength > 0 else { throw .emptySegment(position: bytes.count) }
        guard segments <= maxSegments else { throw .tooManySegments(count: segments) }
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// The offending character, shown escaped so control characters stay readable in logs.
    private static func character(in text: String, atUTF8Offset offset: Int) -> String {
        let index = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        let scalar = String(text.utf8[index...]).flatMap { $0.unicodeScalars.first }
            ?? text[index...].unicodeScalars.first ?? "?"
        return scalar.escaped(asASCII: true)
    }
}

public enum MetricNameError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case tooLong(length: Int)
    case tooManySegments(count: Int)
    case segmentTooLong(position: Int)
    case emptySegment(position: Int)
    case leadingDash(position: Int)
    case badCharacter(String, position: Int)

    public var description: String {
        let rule = "use dot-separated segments of letters, digits, '_' and '-'"
        switch self {
        case .empty: return "metric name is empty; \(rule)"
        case .tooLong(let length): return "metric name is \(length) bytes long, the limit is \(MetricName.maxLength)"
        case .tooManySegments(let count): return "metric name has \(count) segments, the limit is \(MetricName.maxSegments)"
        case .segmentTooLong(let position): return "metric name segment ending near byte \(position) is longer than \(MetricName.maxSegmentLength) bytes"
        case .emptySegment(let position): return "metric name has an empty segment at byte \(position) (leading, trailing or double '.'); \(rule)"
        case .leadingDash(let position): return "metric name segment starts with '-' at byte \(position); start segments with a letter, digit or '_'"
        case .badCharacter(let character, let position): return "metric name has the character '\(character)' at byte \(position); \(rule)"
        }
    }
}

extension MetricName {
    /// A name segment made from outside text (an interface, a device, a mount point): every
    /// character outside `[A-Za-z0-9_-]` becomes `_`, a leading `-` too, and the result is cut to
    /// the segment limit. `eth0` stays `eth0`; `my disk` becomes `my_disk`.
    public static func segment(from text: String) -> String {
        var bytes = text.utf8.prefix(maxSegmentLength).map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                return byte
            default:
                return UInt8(ascii: "_")
            }
        }
        if bytes.isEmpty { return "_" }
        if bytes[0] == UInt8(ascii: "-") { bytes[0] = UInt8(ascii: "_") }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `prefix.segment.suffix` built from parts that are already valid, or nil if the result is not.
    public static func joined(_ parts: String...) -> MetricName? {
        try? MetricName(parts.joined(separator: "."))
    }
}
