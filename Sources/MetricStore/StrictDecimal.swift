import Foundation

/// Decimal numbers as people write them: optional sign, digits, optional fraction and exponent.
/// No `nan`, `inf`, hex or thousands separators, which `Double(String)` would let through.
public enum StrictDecimal {
    public static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var bytes = trimmed.utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let digits = bytes.prefix { (48...57).contains($0) }
        bytes = bytes.dropFirst(digits.count)
        var fraction = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fraction = bytes.prefix { (48...57).contains($0) }.count
            bytes = bytes.dropFirst(fraction)
        }
        guard digits.count + fraction > 0 else { return nil }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            let exponent = bytes.prefix { (48...57).contains($0) }.count
            guard exponent > 0 else { return nil }
            bytes = bytes.dropFirst(exponent)
        }
        guard bytes.isEmpty, let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }
}
