/// Where one `name="value"` pair sits in the input; Strings are made later, only for kept samples.
struct RawLabel {
    var nameStart: Int
    var nameEnd: Int
    /// Between the quotes, still escaped.
    var valueStart: Int
    var valueEnd: Int
    var hasEscape: Bool
    var isASCII: Bool
}

/// Label sets: `"{" [ name "=" '"' value '"' { "," name "=" '"' value '"' } [ "," ] ] "}"`,
/// blanks allowed between tokens.
///
/// Label values are UTF-8 with the escapes `\\`, `\"` and `\n`. Any other backslash sequence
/// is kept literally (`\t` stays backslash + `t`), exactly as Prometheus' scrape parser does
/// (its `lvalReplacer` only knows those three), so values round-trip with the server.
enum LabelParser {
    /// Parses the set whose `{` is at `open`; returns the index just past `}`.
    static func parse(
        _ buf: UnsafeBufferPointer<UInt8>, open: Int, end: Int, into labels: inout [RawLabel]
    ) throws(LineError) -> Int {
        var i = buf.skipBlanks(from: open &+ 1, to: end)
        while true {
            guard i < end else { throw LineError("label set not closed with '}'", open, end) }
            if buf[i] == Byte.closeBrace { return i &+ 1 }

            let nameStart = i
            guard Byte.isLabelStart(buf[i]) else { throw LineError("invalid label name", i, end) }
            i &+= 1
            while i < end, Byte.isLabelContinue(buf[i]) { i &+= 1 }
            let nameEnd = i

            i = buf.skipBlanks(from: i, to: end)
            guard i < end, buf[i] == Byte.equals else {
                if i < end, !Byte.isBlank(buf[i]), buf[i] != Byte.equals, i == nameEnd {
                    throw LineError("invalid character in label name", nameStart, end)
                }
                throw LineError("expected '=' after label name", nameStart, end)
            }
            i = buf.skipBlanks(from: i &+ 1, to: end)
            guard i < end, buf[i] == Byte.quote else {
                throw LineError("expected '\"' to open label value", nameStart, end)
            }

            let valueStart = i &+ 1
            i = valueStart
            var hasEscape = false
            var high: UInt8 = 0
            while i < end {
                let c = buf[i]
                if c == Byte.quote { break }
                high |= c
                if c == Byte.backslash {
                    hasEscape = true
                    i &+= 1
                    if i < end { high |= buf[i] }
                }
                i &+= 1
            }
            guard i < end else { throw LineError("label value not terminated", nameStart, end) }
            labels.append(RawLabel(
                nameStart: nameStart, nameEnd: nameEnd, valueStart: valueStart, valueEnd: i,
                hasEscape: hasEscape, isASCII: high < 0x80))

            i = buf.skipBlanks(from: i &+ 1, to: end)
            guard i < end else { throw LineError("label set not closed with '}'", open, end) }
            if buf[i] == Byte.closeBrace { return i &+ 1 }
            guard buf[i] == Byte.comma else {
                throw LineError("expected ',' or '}' after label value", i, end)
            }
            i = buf.skipBlanks(from: i &+ 1, to: end)  // a trailing comma before '}' is allowed
        }
    }

    /// The unescaped value bytes of a label value: `\\`, `\"`, `\n`; other pairs kept as written.
    static func unescape(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        var i = start
        while i < end {
            let c = buf[i]
            if c == Byte.backslash, i &+ 1 < end {
                let next = buf[i &+ 1]
                switch next {
                case Byte.backslash, Byte.quote: out.append(next)
                case 0x6E: out.append(Byte.newline)  // n
                default: out.append(c); out.append(next)
                }
                i &+= 2
            } else {
                out.append(c)
                i &+= 1
            }
        }
    }

    /// Whether two labels of one set share a name; sorts for large sets so a hostile line with
    /// a hundred thousand labels stays O(n log n) instead of quadratic.
    static func firstDuplicateName(_ buf: UnsafeBufferPointer<UInt8>, _ labels: [RawLabel]) -> RawLabel? {
        let n = labels.count
        if n < 2 { return nil }
        if n <= 16 {
            for a in 1..<n {
                for b in 0..<a where buf.bytesEqual(
                    labels[a].nameStart, labels[a].nameEnd, labels[b].nameStart, labels[b].nameEnd)
                {
                    return labels[a]
                }
            }
            return nil
        }
        let sorted = labels.sorted { x, y in
            buf.slice(x.nameStart, x.nameEnd).lexicographicallyPrecedes(buf.slice(y.nameStart, y.nameEnd))
        }
        for k in 1..<n where buf.bytesEqual(
            sorted[k].nameStart, sorted[k].nameEnd, sorted[k &- 1].nameStart, sorted[k &- 1].nameEnd)
        {
            return sorted[k]
        }
        return nil
    }
}
