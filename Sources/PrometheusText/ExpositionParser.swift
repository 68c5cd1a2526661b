/// The state of one parse: splits lines, applies HELP/TYPE, resolves families, enforces the
/// caps and collects issues. Single-threaded and short-lived, owned by `Exposition.parse`.
struct ExpositionParser {
    private(set) var result = Exposition()
    private let maxSamples: Int
    private let maxFamilies: Int

    private var line = 0
    /// Reused for every line so the hot path does not allocate.
    private var rawLabels: [RawLabel] = []
    private var unescaped: [UInt8] = []
    private var series: SeriesIndex
    /// Untyped families that already have kept samples: a TYPE that would claim them now comes
    /// too late. (Typed ones are caught as a second TYPE.) Usually empty, which keeps TYPE
    /// lines to a single hash lookup.
    private var untypedWithSamples: Set<String> = []
    /// Label names of the previous sample by position, with where they were read: most
    /// samples repeat them, and reusing the String skips creating and validating a new one.
    private var labelNames: [(start: Int, end: Int, name: String)] = []
    /// The previous sample's name; consecutive samples usually share it. Starts as (and is
    /// reset to) a range no name can match.
    private var current = NameInfo.none

    init(maxSamples: Int, inputSize: Int) {
        self.maxSamples = maxSamples
        self.maxFamilies = max(maxSamples, 1024)
        // A realistic line is 50+ bytes; reserve for that, never past the cap.
        let expected = min(maxSamples, inputSize / 48)
        result.samples.reserveCapacity(expected)
        series = SeriesIndex(capacity: min(expected, 1 << 15))  // grows; avoids zero-filling a huge table upfront
    }

    mutating func run(_ buf: UnsafeBufferPointer<UInt8>) {
        let n = buf.count
        var lineStart = 0
        while lineStart < n {
            let newline = buf.indexOfNewline(from: lineStart)
            line &+= 1
            var end = newline
            if end > lineStart, buf[end &- 1] == Byte.carriageReturn { end &-= 1 }
            let start = buf.skipBlanks(from: lineStart, to: end)
            if start < end {
                do throws(LineError) {
                    if buf[start] == Byte.hash {
                        try metadataLine(buf, start, end)
                    } else {
                        try sampleLine(buf, start, end)
                    }
                } catch {
                    record(error, buf)
                }
            }
            lineStart = newline &+ 1
        }
    }

    private mutating func record(_ error: LineError, _ buf: UnsafeBufferPointer<UInt8>) {
        result.issueCount &+= 1
        if result.issues.count < Exposition.maxIssues {
            result.issues.append(ParseIssue(line: line, message: error.render(buf)))
        }
    }

    // MARK: - # lines

    private mutating func metadataLine(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(LineError) {
        switch try MetadataParser.parse(buf, start, end) {
        case .comment:
            return
        case let .help(nameStart, nameEnd, docStart, docEnd):
            let name = String(decoding: buf.slice(nameStart, nameEnd), as: UTF8.self)
            guard result.help.count < maxFamilies || result.help[name] != nil else {
                throw LineError("too many HELP lines, ignored")
            }
            guard result.help.insertIfAbsent(name, MetadataParser.unescapeHelp(buf, docStart, docEnd)) else {
                throw LineError("second HELP line for " + name)
            }
        case let .type(nameStart, nameEnd, type):
            let name = String(decoding: buf.slice(nameStart, nameEnd), as: UTF8.self)
            if !untypedWithSamples.isEmpty {
                // Samples already stored under the name, or under a name this TYPE would claim.
                let late = untypedWithSamples.contains(name) || Family.suffixes(of: type).contains {
                    untypedWithSamples.contains(name + $0)
                }
                guard !late || result.types[name] != nil else {
                    throw LineError("TYPE line for " + name + " after its samples, ignored")
                }
            }
            guard result.types.count < maxFamilies || result.types[name] != nil else {
                throw LineError("too many TYPE lines, ignored")
            }
            guard result.types.insertIfAbsent(name, type) else { throw LineError("second TYPE line for " + name) }
            current = .none  // the cached family of the previous name may change
        }
    }

    // MARK: - Samples

    private mutating func sampleLine(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(LineError) {
        let raw = try LineParser.parseSample(buf, start, end, labels: &rawLabels)

        // Read `current` in place rather than copying it: copies cost retains of its Strings.
        if !buf.bytesEqual(current.start, current.end, raw.nameStart, raw.nameEnd) {
            current = Family.resolve(buf, raw.nameStart, raw.nameEnd, types: result.types)
        }

        if let dup = LabelParser.firstDuplicateName(buf, rawLabels) {
            throw LineError("duplicate label name", dup.nameStart, end)
        }
        switch current.role {
        case .plain: break
        case .bucket: try requireFloatLabel(histogram: true, buf, start, end)
        case .quantile: try requireFloatLabel(histogram: false, buf, start, end)
        }

        guard result.samples.count < maxSamples else {
            // Judge a dropped sample like a kept one, without storing anything.
            for label in rawLabels where !label.isASCII {
                guard Self.makeValue(buf, label, seed: series.seed, scratch: &unescaped) != nil else {
                    throw LineError("label value is not valid UTF-8", label.nameStart, end)
                }
            }
            result.droppedSamples &+= 1
            return
        }

        var labels: [Label] = []
        labels.reserveCapacity(rawLabels.count)
        var labelSum: UInt64 = 0
        for label in rawLabels {
            guard let (value, hash) = Self.makeValue(buf, label, seed: series.seed, scratch: &unescaped) else {
                throw LineError("label value is not valid UTF-8", label.nameStart, end)
            }
            labels.append(Label(name: internLabelName(buf, label, at: labels.count), value: value))
            labelSum &+= hash
        }

        let sample = Sample(
            name: current.name, labels: consume labels, value: raw.value, timestamp: raw.timestamp,
            family: current.family, type: current.type)
        let hash = series.seriesHash(name: buf.slice(raw.nameStart, raw.nameEnd), labelSum: labelSum)
        if let firstLine = series.firstLine(of: sample, hash: hash, in: result.samples) {
            throw LineError("duplicate series, first on line \(firstLine), ignored", start, end)
        }
        series.add(hash: hash, index: result.samples.count, line: line)
        result.samples.append(sample)
        if !current.recorded {
            if current.type == .untyped, result.types[current.family] == nil {
                untypedWithSamples.insert(current.family)
            }
            current.recorded = true
        }
    }

    private mutating func internLabelName(
        _ buf: UnsafeBufferPointer<UInt8>, _ label: RawLabel, at position: Int
    ) -> String {
        if position < labelNames.count {
            let known = labelNames[position]
            if buf.bytesEqual(known.start, known.end, label.nameStart, label.nameEnd) { return known.name }
        }
        let name = String(decoding: buf.slice(label.nameStart, label.nameEnd), as: UTF8.self)
        let entry = (start: label.nameStart, end: label.nameEnd, name: name)
        if position < labelNames.count {
            labelNames[position] = entry
        } else if position < 64 {  // a hostile 100,000-label line must not grow the cache
            labelNames.append(entry)
        }
        return name
    }

    /// Histogram buckets need `le`, summary quantiles need `quantile`, each a float (as in
    /// Go's expfmt parser).
    private func requireFloatLabel(
        histogram: Bool, _ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int
    ) throws(LineError) {
        let name: StaticString = histogram ? "le" : "quantile"
        for label in rawLabels where buf.bytesEqual(label.nameStart, label.nameEnd, name) {
            guard !label.hasEscape, FloatParser.parseValue(buf, label.valueStart, label.valueEnd) != nil else {
                let message = histogram ? "label le is not a float" : "label quantile is not a float"
                throw LineError(message, label.nameStart, end)
            }
            return
        }
        let message = histogram ? "histogram bucket without le label" : "summary sample without quantile label"
        throw LineError(message, start, end)
    }

    /// The unescaped value and its series-hash contribution; nil when not valid UTF-8.
    private static func makeValue(
        _ buf: UnsafeBufferPointer<UInt8>, _ label: RawLabel, seed: UInt64, scratch unescaped: inout [UInt8]
    ) -> (String, UInt64)? {
        let nameBytes = buf.slice(label.nameStart, label.nameEnd)
        func make(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, UInt64)? {
            // ASCII needs no validation; anything else must be valid UTF-8.
            let value = label.isASCII
                ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
            guard let value else { return nil }
            return (value, SeriesIndex.labelHash(name: nameBytes, value: bytes, seed: seed))
        }
        if !label.hasEscape { return make(buf.slice(label.valueStart, label.valueEnd)) }
        LabelParser.unescape(buf, label.valueStart, label.valueEnd, into: &unescaped)
        return unescaped.withUnsafeBufferPointer(make)
    }
}

extension Dictionary {
    /// Stores `value` under `key` unless the key is present (then returns false), with one
    /// hash lookup; `value` is only evaluated when stored.
    @inline(__always)
    mutating func insertIfAbsent(_ key: Key, _ value: @autoclosure () -> Value) -> Bool {
        func fill(_ slot: inout Value?) -> Bool {
            if slot != nil { return false }
            slot = value()
            return true
        }
        return fill(&self[key])
    }
}
