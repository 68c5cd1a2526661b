import Foundation

/// Numbers as an operator reads them: three significant digits, scaled to a unit prefix.
///
/// - `B`, `B/s`, `KiB/s`: binary prefixes (`1.50 GiB`, `230 KiB/s`);
/// - `s`, `ms`: durations (`350 µs`, `12.0 ms`, `4.20 s`, `3.5 min`, `2.0 h`, `3.0 d`);
/// - `%`: one decimal, never scaled;
/// - anything else (or no unit): SI prefixes `k`, `M`, `G`, `T`, `P` followed by the unit.
public enum ValueFormat {
    public static func format(_ value: Double?, unit: String) -> String {
        guard let value, value.isFinite else { return "–" }
        switch unit {
        case "%": return String(format: "%.1f %%", value)
        case "B", "B/s": return binary(value, suffix: unit == "B" ? "" : "/s")
        case "KiB/s": return binary(value * 1024, suffix: "/s")
        case "s": return duration(value)
        case "ms": return duration(value / 1000)
        default: return decimal(value, unit: unit)
        }
    }

    /// Three significant digits without an exponent: 1.23, 12.3, 123, 0.0123.
    static func digits(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude == 0 { return "0" }
        if magnitude >= 100 { return String(format: "%.0f", value) }
        if magnitude >= 10 { return String(format: "%.1f", value) }
        if magnitude >= 1 { return String(format: "%.2f", value) }
        let decimals = min(12, Int(-floor(log10(magnitude))) + 2)
        return String(format: "%.\(decimals)f", value)
    }

    static func decimal(_ value: Double, unit: String) -> String {
        let prefixes = ["", "k", "M", "G", "T", "P"]
        var scaled = value, index = 0
        while abs(scaled) >= 999.5, index < prefixes.count - 1 {
            scaled /= 1000
            index += 1
        }
        let suffix = prefixes[index] + unit
        return suffix.isEmpty ? digits(scaled) : digits(scaled) + " " + suffix
    }

    static func binary(_ bytes: Double, suffix: String) -> String {
        let prefixes = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var scaled = bytes, index = 0
        while abs(scaled) >= 1023.5, index < prefixes.count - 1 {
            scaled /= 1024
            index += 1
        }
        return digits(scaled) + " " + prefixes[index] + suffix
    }

    static func duration(_ seconds: Double) -> String {
        let magnitude = abs(seconds)
        switch magnitude {
        case 0: return "0 s"
        case ..<0.001: return digits(seconds * 1e6) + " µs"
        case ..<1: return digits(seconds * 1e3) + " ms"
        case ..<120: return digits(seconds) + " s"
        case ..<7_200: return digits(seconds / 60) + " min"
        case ..<172_800: return digits(seconds / 3_600) + " h"
        default: return digits(seconds / 86_400) + " d"
        }
    }
}
