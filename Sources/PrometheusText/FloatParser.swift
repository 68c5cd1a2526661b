/// Number syntax of sample values and timestamps.
///
/// Values follow Prometheus' own scrape parser: Go's `strconv.ParseFloat` minus the Go 1.13
/// additions (Prometheus rejects any value containing `p`, `P` or `_`), i.e.
/// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, plus `Inf`/`Infinity`
/// with an optional sign and `NaN` without one, case-insensitively. Hex floats (`0x10`,
/// `0x1p4`) are therefore rejected, and so is a finite literal too large for a Double
/// (`1e400`: Go returns a range error). Timestamps are Go `ParseInt(s, 10, 64)`.
enum FloatParser {
    /// Exact powers of ten: every one up to 1e22 is representable, which is what makes the
    /// fast path below correctly rounded (Clinger's fast path).
    private static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
    private static let maxExactMantissa: UInt64 = 1 << 53

    static func parseValue(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        guard i < end else { return nil }
        var negative = false
        let first = buf[i]
        if first == 0x2B || first == 0x2D {  // + -
            negative = first == 0x2D
            i &+= 1
            guard i < end else { return nil }
        }
        let lead = buf[i] | 0x20
        if lead == 0x69 {  // i: Inf, Infinity
            guard buf.bytesEqualIgnoringCase(i, end, "inf") || buf.bytesEqualIgnoringCase(i, end, "infinity")
            else { return nil }
            return negative ? -.infinity : .infinity
        }
        if lead == 0x6E {  // n: NaN, which Go accepts only unsigned
            guard i == start, buf.bytesEqualIgnoringCase(i, end, "nan") else { return nil }
            return .nan
        }

        // Decimal: keep up to 19 significant digits (they fit a UInt64) and a base-10 exponent.
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var sawDigit = false
        var inexact = false  // a nonzero digit past the 19th was dropped
        while i < end, Byte.isDigit(buf[i]) {
            let d = UInt64(buf[i] &- 0x30)
            sawDigit = true
            if significant < 19 {
                if mantissa != 0 || d != 0 {
                    mantissa = mantissa &* 10 &+ d
                    significant &+= 1
                }
            } else {
                exponent &+= 1
                if d != 0 { inexact = true }
            }
            i &+= 1
        }
        if i < end, buf[i] == 0x2E {  // .
            i &+= 1
            while i < end, Byte.isDigit(buf[i]) {
                let d = UInt64(buf[i] &- 0x30)
                sawDigit = true
                if significant < 19 {
                    if mantissa != 0 || d != 0 {
                        mantissa = mantissa &* 10 &+ d
                        significant &+= 1
                    }
                    exponent &-= 1
                } else if d != 0 {
                    inexact = true
                }
                i &+= 1
            }
        }
        guard sawDigit else { return nil }
        if i < end, buf[i] | 0x20 == 0x65 {  // e E
            i &+= 1
            var expNegative = false
            if i < end, buf[i] == 0x2B || buf[i] == 0x2D {
                expNegative = buf[i] == 0x2D
                i &+= 1
            }
            var written = 0
            var sawExpDigit = false
            while i < end, Byte.isDigit(buf[i]) {
                // Clamped: anything this large is already ±0 or out of range.
                if written < 100_000 { written = written &* 10 &+ Int(buf[i] &- 0x30) }
                sawExpDigit = true
                i &+= 1
            }
            guard sawExpDigit else { return nil }
            exponent &+= expNegative ? -written : written
        }
        guard i == end else { return nil }

        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if !inexact && mantissa <= maxExactMantissa && exponent >= -22 && exponent <= 22 {
            let m = Double(mantissa)
            let v = exponent >= 0 ? m * exactPowers[exponent] : m / exactPowers[-exponent]
            return negative ? -v : v
        }
        // Rare (long mantissas, large exponents): the standard library's correctly rounded
        // conversion, on a slice already checked to be Go syntax (a subset of what it accepts).
        guard let v = Double(String(decoding: buf.slice(start, end), as: UTF8.self)), v.isFinite else {
            return nil  // Go reports a range error for a finite literal beyond Double.
        }
        return v
    }

    /// Go `strconv.ParseInt(s, 10, 64)`: optional sign, decimal digits, no overflow.
    static func parseInt64(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var i = start
        guard i < end else { return nil }
        var negative = false
        if buf[i] == 0x2B || buf[i] == 0x2D {
            negative = buf[i] == 0x2D
            i &+= 1
        }
        guard i < end else { return nil }
        var magnitude: UInt64 = 0
        while i < end {
            let c = buf[i]
            guard Byte.isDigit(c) else { return nil }
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(c &- 0x30))
            if o1 || o2 { return nil }
            magnitude = sum
            i &+= 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(bitPattern: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// ASCII case-insensitive comparison with a lowercase literal.
    @inline(__always) func bytesEqualIgnoringCase(_ start: Int, _ end: Int, _ lower: StaticString) -> Bool {
        guard end &- start == lower.utf8CodeUnitCount else { return false }
        let p = lower.utf8Start
        var i = 0
        while i < end &- start {
            if self[start &+ i] | 0x20 != p[i] { return false }
            i &+= 1
        }
        return true
    }
}
