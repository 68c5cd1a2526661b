/// What a `#` line says.
enum Metadata {
    /// `# HELP name docstring`; the docstring is still escaped.
    case help(nameStart: Int, nameEnd: Int, docStart: Int, docEnd: Int)
    /// `# TYPE name type`; the type keyword is matched case-insensitively, like Go's expfmt.
    case type(nameStart: Int, nameEnd: Int, type: MetricType)
    /// Any other `#` line.
    case comment
}

/// `#` lines. As in Go's expfmt parser, the first token after `#` (blanks skipped) decides:
/// `HELP` and `TYPE` are metadata, anything else is a comment and ignored.
enum MetadataParser {
    /// `start` is the index of `#`, `end` the end of the line.
    static func parse(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(LineError) -> Metadata {
        let keywordStart = buf.skipBlanks(from: start &+ 1, to: end)
        let keywordEnd = buf.tokenEnd(from: keywordStart, to: end)
        let isHelp = buf.bytesEqual(keywordStart, keywordEnd, "HELP")
        guard isHelp || buf.bytesEqual(keywordStart, keywordEnd, "TYPE") else { return .comment }

        let nameStart = buf.skipBlanks(from: keywordEnd, to: end)
        guard nameStart < end else { throw LineError(isHelp ? "HELP without metric name" : "TYPE without metric name") }
        let nameEnd = buf.tokenEnd(from: nameStart, to: end)
        guard isMetricName(buf, nameStart, nameEnd) else {
            throw LineError(isHelp ? "HELP with invalid metric name" : "TYPE with invalid metric name", nameStart, end)
        }
        let restStart = buf.skipBlanks(from: nameEnd, to: end)

        if isHelp {
            // The docstring is the rest of the line (may be empty).
            return .help(nameStart: nameStart, nameEnd: nameEnd, docStart: restStart, docEnd: end)
        }
        guard restStart < end else { throw LineError("TYPE without type", nameStart, end) }
        let typeEnd = buf.tokenEnd(from: restStart, to: end)
        guard buf.skipBlanks(from: typeEnd, to: end) == end else {
            throw LineError("unexpected text after TYPE", typeEnd, end)
        }
        for type in MetricType.allCases where buf.bytesEqualIgnoringCase(restStart, typeEnd, type.staticName) {
            return .type(nameStart: nameStart, nameEnd: nameEnd, type: type)
        }
        throw LineError("unknown metric type", restStart, end)
    }

    static func isMetricName(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard start < end, Byte.isMetricStart(buf[start]) else { return false }
        var i = start &+ 1
        while i < end {
            guard Byte.isMetricContinue(buf[i]) else { return false }
            i &+= 1
        }
        return true
    }

    /// HELP docstrings know only `\\` and `\n` (Prometheus' `helpReplacer`); other pairs are
    /// kept as written. Invalid UTF-8 is replaced by U+FFFD rather than dropping the line.
    static func unescapeHelp(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var i = start
        while i < end, buf[i] != Byte.backslash { i &+= 1 }
        if i == end { return String(decoding: buf.slice(start, end), as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(end &- start)
        i = start
        while i < end {
            let c = buf[i]
            if c == Byte.backslash, i &+ 1 < end, buf[i &+ 1] == Byte.backslash || buf[i &+ 1] == 0x6E {
                out.append(buf[i &+ 1] == 0x6E ? Byte.newline : Byte.backslash)
                i &+= 2
            } else {
                out.append(c)
                i &+= 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension MetricType {
    /// The keyword as written in a TYPE line.
    var staticName: StaticString {
        switch self {
        case .counter: "counter"
        case .gauge: "gauge"
        case .histogram: "histogram"
        case .summary: "summary"
        case .untyped: "untyped"
        }
    }
}
