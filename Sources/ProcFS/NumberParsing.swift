// Hand-written number parsing over byte ranges: /proc prints plain decimal digits, and
// going through String/Int(_:) per field would dominate the parse time.

/// Parses ASCII decimal digits as UInt64 with overflow detection.
@inline(__always)
func parseUInt64(_ buffer: Bytes, _ range: Range<Int>) -> Result<UInt64, NumberError> {
    guard !range.isEmpty else { return .failure(.notANumber) }
    var value: UInt64 = 0
    if range.count <= 19 {
        // 19 digits always fit in UInt64 (max is 20 digits), so no overflow checks here.
        for i in range {
            let digit = buffer[i] &- 0x30
            guard digit < 10 else { return .failure(.notANumber) }
            value = value &* 10 &+ UInt64(digit)
        }
        return .success(value)
    }
    for i in range {
        let digit = buffer[i] &- 0x30
        guard digit < 10 else { return .failure(.notANumber) }
        let (times10, o1) = value.multipliedReportingOverflow(by: 10)
        let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
        if o1 || o2 {
            // Report garbage as garbage even when its leading digits are already too many.
            for j in (i + 1)..<range.upperBound where !isDigit(buffer[j]) { return .failure(.notANumber) }
            return .failure(.overflow)
        }
        value = sum
    }
    return .success(value)
}

/// Parses an optionally '-'-signed decimal integer (e.g. Tcp MaxConn -1 in /proc/net/snmp).
@inline(__always)
func parseInt64(_ buffer: Bytes, _ range: Range<Int>) -> Result<Int64, NumberError> {
    guard !range.isEmpty else { return .failure(.notANumber) }
    let negative = buffer[range.lowerBound] == 0x2D  // '-'
    let digits = negative ? (range.lowerBound + 1)..<range.upperBound : range
    switch parseUInt64(buffer, digits) {
    case .failure(let error):
        return .failure(error)
    case .success(let magnitude):
        if negative {
            // Int64.min's magnitude is one more than Int64.max.
            if magnitude <= UInt64(Int64.max) { return .success(-Int64(magnitude)) }
            if magnitude == UInt64(Int64.max) + 1 { return .success(Int64.min) }
            return .failure(.overflow)
        }
        guard magnitude <= UInt64(Int64.max) else { return .failure(.overflow) }
        return .success(Int64(magnitude))
    }
}

/// Parses an unsigned value that must fit in `T` (CPU numbers, PIDs, device numbers).
@inline(__always)
func parseUnsigned<T: FixedWidthInteger>(_ buffer: Bytes, _ range: Range<Int>, as _: T.Type) -> Result<T, NumberError> {
    switch parseUInt64(buffer, range) {
    case .success(let value):
        guard let narrowed = T(exactly: value) else { return .failure(.overflow) }
        return .success(narrowed)
    case .failure(let error):
        return .failure(error)
    }
}

/// Exact powers of ten: every one up to 1e22 is representable in a Double.
private let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

/// Parses a decimal like "16.79" or "1609.47" (loadavg, uptime, pressure averages).
///
/// Fast path: digits with at most one '.', whose digit string fits in 2^53. Then
/// mantissa / 10^k is a single correctly rounded division, so the result equals what
/// Double("16.79") gives. Anything else (exponents, long digit strings) falls back to
/// the standard library on that one short field.
func parseDecimal(_ buffer: Bytes, _ range: Range<Int>) -> Result<Double, NumberError> {
    guard !range.isEmpty else { return .failure(.notANumber) }
    var i = range.lowerBound
    let negative = buffer[i] == 0x2D
    if negative { i += 1 }
    var mantissa: UInt64 = 0
    var digits = 0
    var fractionDigits = 0
    var sawPoint = false
    var fastPath = true
    while i < range.upperBound {
        let byte = buffer[i]
        if isDigit(byte) {
            if digits == 15 { fastPath = false; break }  // 10^15 < 2^53
            mantissa = mantissa * 10 + UInt64(byte &- 0x30)
            digits += 1
            if sawPoint { fractionDigits += 1 }
        } else if byte == 0x2E && !sawPoint {  // '.'
            sawPoint = true
        } else {
            fastPath = false
            break
        }
        i += 1
    }
    if fastPath {
        guard digits > 0 else { return .failure(.notANumber) }
        let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
        return .success(negative ? -magnitude : magnitude)
    }
    // Slow path: only plain float syntax is handed to Double(_:), so words such as
    // "nan" or "inf" are rejected rather than producing non-finite values.
    for j in range {
        let byte = buffer[j]
        let allowed = isDigit(byte) || byte == 0x2E || byte == 0x2D || byte == 0x2B || byte == 0x65 || byte == 0x45
        guard allowed else { return .failure(.notANumber) }
    }
    guard let value = Double(String(decoding: Bytes(rebasing: buffer[range]), as: UTF8.self))
    else { return .failure(.notANumber) }
    return value.isFinite ? .success(value) : .failure(.overflow)
}
