/// A syntactically valid sample line, still as positions in the input; its labels are in the
/// caller's scratch array.
struct RawSample {
    var nameStart: Int
    var nameEnd: Int
    var value: Double
    var timestamp: Int64?
}

/// Sample lines: `metric_name [ "{" labels "}" ] value [ timestamp ]`, tokens separated by
/// blanks (spaces, tabs); metric names match `[a-zA-Z_:][a-zA-Z0-9_:]*`.
enum LineParser {
    /// `start..<end` is one line without its newline and leading blanks, not a comment.
    static func parseSample(
        _ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, labels: inout [RawLabel]
    ) throws(LineError) -> RawSample {
        labels.removeAll(keepingCapacity: true)
        var i = start
        guard Byte.isMetricStart(buf[i]) else { throw LineError("invalid metric name", start, end) }
        i &+= 1
        while i < end, Byte.isMetricContinue(buf[i]) { i &+= 1 }
        let nameEnd = i
        if i < end, !Byte.isBlank(buf[i]), buf[i] != Byte.openBrace {
            throw LineError("invalid character in metric name", start, end)
        }

        i = buf.skipBlanks(from: i, to: end)
        if i < end, buf[i] == Byte.openBrace {
            i = try LabelParser.parse(buf, open: i, end: end, into: &labels)
            i = buf.skipBlanks(from: i, to: end)
        }

        guard i < end else { throw LineError("missing value", start, end) }
        let valueEnd = buf.tokenEnd(from: i, to: end)
        guard let value = FloatParser.parseValue(buf, i, valueEnd) else {
            throw LineError("invalid value", i, end)
        }

        i = buf.skipBlanks(from: valueEnd, to: end)
        var timestamp: Int64?
        if i < end {
            let tsEnd = buf.tokenEnd(from: i, to: end)
            guard let ts = FloatParser.parseInt64(buf, i, tsEnd) else {
                throw LineError("invalid timestamp (want integer milliseconds)", i, end)
            }
            timestamp = ts
            i = buf.skipBlanks(from: tsEnd, to: end)
            guard i == end else { throw LineError("unexpected text after timestamp", i, end) }
        }
        return RawSample(nameStart: start, nameEnd: nameEnd, value: value, timestamp: timestamp)
    }
}
