extension SeriesData {
    /// The JSON of ``json()``, written by hand: Foundation's JSONEncoder spends about a
    /// microsecond per value on Linux, which made a day of 100 metrics at 10 s (864,000 points)
    /// take a second. Same bytes as JSONEncoder with sorted keys (a test compares them).
    func encodedJSON() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + series.reduce(0) { $0 + 64 + $1.points.count * 24 } + events.count * 128)
        out.append(contentsOf: "{\"end\":".utf8)
        JSONText.integer(end, into: &out)
        out.append(contentsOf: ",\"events\":[".utf8)
        for (index, event) in events.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: "{\"end\":".utf8)
            if let end = event.end { JSONText.integer(end, into: &out) } else { out.append(contentsOf: "null".utf8) }
            out.append(contentsOf: ",\"kind\":".utf8)
            JSONText.string(event.kind.rawValue, into: &out)
            out.append(contentsOf: ",\"label\":".utf8)
            JSONText.string(event.label, into: &out)
            out.append(contentsOf: ",\"start\":".utf8)
            JSONText.integer(event.start, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "],\"series\":[".utf8)
        for (index, item) in series.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            item.encodedJSON(into: &out)
        }
        out.append(contentsOf: "],\"start\":".utf8)
        JSONText.integer(start, into: &out)
        out.append(contentsOf: ",\"step\":".utf8)
        JSONText.integer(step, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }
}

extension SeriesData.Series {
    func encodedJSON(into out: inout [UInt8]) {
        out.append(contentsOf: "{\"cf\":".utf8)
        JSONText.string(cf.rawValue, into: &out)
        out.append(contentsOf: ",\"name\":".utf8)
        JSONText.string(name, into: &out)
        out.append(contentsOf: ",\"points\":[".utf8)
        for (index, point) in points.enumerated() {
            out.append(contentsOf: index > 0 ? ",[".utf8 : "[".utf8)
            JSONText.integer(point.time, into: &out)
            out.append(UInt8(ascii: ","))
            JSONText.number(point.value, into: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: "],\"summary\":{\"average\":".utf8)
        JSONText.number(summary.average, into: &out)
        out.append(contentsOf: ",\"last\":".utf8)
        JSONText.number(summary.last, into: &out)
        out.append(contentsOf: ",\"max\":".utf8)
        JSONText.number(summary.max, into: &out)
        out.append(contentsOf: ",\"min\":".utf8)
        JSONText.number(summary.min, into: &out)
        out.append(contentsOf: "}}".utf8)
    }
}

/// JSON scalars as JSONEncoder writes them.
enum JSONText {
    /// Decimal digits, written straight into `out` (no String per number).
    static func integer(_ value: Int, into out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var first = 20
            repeat {
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[first..<20]))
        }
    }

    /// `null` for nil and for what JSON cannot hold (NaN, infinities); integral values without
    /// `.0`, as JSONEncoder writes them.
    static func number(_ value: Double?, into out: inout [UInt8]) {
        guard let value, value.isFinite else { return out.append(contentsOf: "null".utf8) }
        // Integral and below 2^53: the digits of the integer are the shortest form ("-0" aside).
        if value.rounded() == value, abs(value) < 9_007_199_254_740_992, !(value == 0 && value.sign == .minus) {
            return integer(Int(value), into: &out)
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    /// Quotes, backslashes, `/` (so `</script>` cannot end a script element) and control
    /// characters escaped; everything else as UTF-8.
    static func string(_ value: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "/"): out.append(contentsOf: "\\/".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
