import Foundation

/// Durations and sizes as people write them in configuration: `10s`, `5m`, `2h`, `1d`, `1w`, `2y`;
/// `512MiB`, `1GB`.
public enum DurationText {
    static let units: [(suffix: String, seconds: Int)] = [
        ("s", 1), ("m", 60), ("min", 60), ("h", 3_600), ("d", 86_400), ("w", 604_800), ("y", 31_536_000),
    ]

    /// Seconds in `text`, or nil if it is not a positive whole number followed by a unit.
    public static func seconds(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let unit = trimmed.dropFirst(digits.count)
        guard !digits.isEmpty, digits.count <= 9, let number = Int(digits), number > 0,
              let multiplier = units.first(where: { $0.suffix == unit })?.seconds
        else { return nil }
        return number * multiplier
    }

    /// Milliseconds in `text`: the units above, or `ms` (`500ms`, `2s`).
    public static func milliseconds(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("ms") {
            let digits = trimmed.dropLast(2)
            guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isNumber), let value = Int(digits), value > 0 else { return nil }
            return value
        }
        return seconds(trimmed).map { $0 * 1_000 }
    }

    /// A short form of `seconds` for messages: `10s`, `5m`, `2y`.
    public static func format(_ seconds: Int) -> String {
        for (suffix, size) in [("y", 31_536_000), ("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60)]
        where seconds >= size && seconds % size == 0 {
            return "\(seconds / size)\(suffix)"
        }
        return "\(seconds)s"
    }
}

public enum ByteSizeText {
    static let units: [(suffix: String, bytes: Int)] = [
        ("", 1), ("B", 1), ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000),
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("TiB", 1 << 40),
    ]

    public static func bytes(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.count <= 12, let number = Int(digits),
              let multiplier = units.first(where: { $0.suffix == unit })?.bytes
        else { return nil }
        return number * multiplier
    }

    public static func format(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1_024, unit < units.count - 1 {
            value /= 1_024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
