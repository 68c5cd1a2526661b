import Foundation

/// Decimal numbers as people write them: optional sign, digits, optional fraction and exponent,
/// at least one digit, finite results only. No `nan`, `inf`, hex or thousands separators, which
/// `Double(String)` would let through. One grammar for every wire protocol and file format.
///
/// The byte form runs without making a `String` first (StatsD calls it for every value). Short
/// values (at most 15 significant digits and a decimal exponent within ±22, nearly every value on
/// the wire) are converted exactly with one correctly rounded multiply or divide (Clinger's fast
/// path); the rest go through `Double(String)`, which rounds correctly too, after the grammar has
/// been checked here.
public enum StrictDecimal {
    /// `text` with surrounding spaces and tabs ignored.
    public static func parse(_ text: String) -> Double? {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Double? {
        let end = bytes.count
        var index = 0
        var negative = false
        if index < end, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0  // digits counted in the mantissa, leading zeros excepted
        var digits = 0
        var exponent = 0
        while index < end, case let digit = bytes[index] &- 48, digit < 10 {
            accumulate(digit, into: &mantissa, significant: &significant)
            if significant > 19 { exponent += 1 }
            digits += 1
            index += 1
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < end, case let digit = bytes[index] &- 48, digit < 10 {
                accumulate(digit, into: &mantissa, significant: &significant)
                if significant <= 19 { exponent -= 1 }
                digits += 1
                index += 1
            }
        }
        guard digits > 0 else { return nil }
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var negativeExponent = false
            if index < end, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                negativeExponent = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var exponentDigits = 0
            while index < end, case let digit = bytes[index] &- 48, digit < 10 {
                if written < 100_000 { written = written * 10 + Int(digit) }  // saturate: 1e99999999999 is out of range anyway
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += negativeExponent ? -written : written
        }
        guard index == end else { return nil }

        let value: Double
        if mantissa == 0 {
            value = 0
        } else if significant <= 15, exponent >= -22, exponent <= 22 {
            let base = Double(mantissa)  // exact: below 10^15 < 2^53
            value = exponent >= 0 ? base * powersOfTen[exponent] : base / powersOfTen[-exponent]
        } else {
            guard let slow = Double(String(decoding: bytes, as: UTF8.self)) else { return nil }
            return slow.isFinite ? slow : nil
        }
        return negative ? -value : value
    }

    @inline(__always)
    private static func accumulate(_ digit: UInt8, into mantissa: inout UInt64, significant: inout Int) {
        if significant == 0, digit == 0 { return }
        significant += 1
        if significant <= 19 { mantissa = mantissa * 10 + UInt64(digit) }
    }
}
