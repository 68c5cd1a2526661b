import MetricStore

/// The grammar of one StatsD line (documented on `StatsDParser`), scanned byte by byte. It keeps
/// its scratch space between lines, and hands each good line's values to a `StatsDSink`, so a
/// datagram costs no allocation beyond what the sink keeps (and tags, when a line has them).
struct StatsDLineParser {
    private(set) var summary = StatsDParseSummary()
    private let tagSegments: [String]
    /// Values of the current line, held until the whole line is known to be good.
    private var pending: [StatsDValue] = []

    init(tagSegments: [String]) {
        self.tagSegments = tagSegments
        pending.reserveCapacity(8)
    }

    mutating func parse(line: UnsafeRawBufferPointer, into sink: inout some StatsDSink) {
        if let reason = parseLine(line, into: &sink) { summary.badLines.record(reason, line: line) }
    }

    private mutating func parseLine(_ line: UnsafeRawBufferPointer, into sink: inout some StatsDSink) -> BadLineReason? {
        let count = line.count
        guard count <= StatsDParser.maxLineLength else { return .tooLong }
        if Self.hasPrefix(line, "_e{") {
            switch DogStatsDEvent.parse(line) {
            case .success(let event):
                summary.events += 1
                summary.parsedEvents.append(event)
                return nil
            case .failure(let reason):
                return reason
            }
        }
        if Self.hasPrefix(line, "_sc|") {
            summary.serviceChecks += 1
            return nil
        }
        var index = 0
        while index < count, line[index] != colon { index += 1 }
        guard index < count else { return .badFormat }
        let nameEnd = index
        index += 1

        pending.removeAll(keepingCapacity: true)
        var tags: [StatsDTag] = []
        var sawTags = false
        groups: while true {
            let groupStart = pending.count
            while true {  // values up to `|`
                let start = index
                while index < count, line[index] != bar, line[index] != colon { index += 1 }
                guard index > start else { return .badValue }
                guard index < count else { return .badFormat }
                pending.append(StatsDValue(type: .counter, value: 0, member: start..<index))
                index += 1
                if line[index - 1] == bar { break }
            }
            let typeStart = index
            while index < count, line[index] != bar, line[index] != colon { index += 1 }
            guard let type = Self.type(line, typeStart, index) else { return .badType }
            for slot in groupStart..<pending.count { pending[slot].type = type }
            var sawRate = false
            while index < count {
                index += 1  // past `|` or `:`
                if line[index - 1] == colon { continue groups }
                guard index < count, line[index] != bar else { return .badFormat }
                switch line[index] {
                case UInt8(ascii: "@"):
                    index += 1
                    let start = index
                    while index < count, line[index] != bar, line[index] != colon { index += 1 }
                    guard !sawRate, let rate = StrictDecimal.parse(Self.slice(line, start, index)), rate > 0, rate <= 1 else {
                        return .badSampleRate
                    }
                    sawRate = true
                    for slot in groupStart..<pending.count { pending[slot].sampleRate = rate }
                case UInt8(ascii: "#"):
                    index += 1
                    let start = index
                    while index < count, line[index] != bar { index += 1 }
                    guard !sawTags, Self.parseTags(Self.slice(line, start, index), into: &tags) else { return .badTags }
                    sawTags = true
                default:  // container id, timestamp, later DogStatsD sections: not ours
                    while index < count, line[index] != bar { index += 1 }
                }
            }
            break
        }

        for slot in pending.indices where pending[slot].type != .set {
            let token = UnsafeRawBufferPointer(rebasing: line[pending[slot].member])
            guard let value = StrictDecimal.parse(token) else { return .badValue }
            pending[slot].value = value
            pending[slot].isDelta = pending[slot].type == .gauge && (token[0] == plus || token[0] == minus)
        }
        guard nameEnd > 0, nameEnd <= MetricName.maxLength else { return .badName }  // spare building a huge String
        let accepted: Bool
        if tagSegments.isEmpty {
            accepted = sink.accept(name: Self.slice(line, 0, nameEnd), values: pending, line: line, tags: tags)
        } else {
            var name = taggedName(line, nameEnd, tags)
            accepted = name.withUTF8 { sink.accept(name: UnsafeRawBufferPointer($0), values: pending, line: line, tags: tags) }
        }
        guard accepted else { return .badName }
        summary.values += pending.count
        return nil
    }

    /// The line's name with the values of the `tagSegments` tags appended as segments.
    private func taggedName(_ line: UnsafeRawBufferPointer, _ end: Int, _ tags: [StatsDTag]) -> String {
        var text = String(decoding: Self.slice(line, 0, end), as: UTF8.self)
        for key in tagSegments {
            if let tag = tags.first(where: { $0.key == key }) {
                text += "." + MetricName.segment(from: tag.value)
            }
        }
        return text
    }

    /// `k:v,k2` into tags; false on an empty tag or key (`#`, `#a,,b`, `#a,`, `#:v`).
    private static func parseTags(_ bytes: UnsafeRawBufferPointer, into tags: inout [StatsDTag]) -> Bool {
        let count = bytes.count
        var index = 0
        repeat {
            let start = index
            var keyEnd = -1
            while index < count, bytes[index] != comma {
                if keyEnd < 0, bytes[index] == colon { keyEnd = index }
                index += 1
            }
            if keyEnd < 0 { keyEnd = index }
            guard keyEnd > start else { return false }
            let key = String(decoding: slice(bytes, start, keyEnd), as: UTF8.self)
            let value = keyEnd < index ? String(decoding: slice(bytes, keyEnd + 1, index), as: UTF8.self) : ""
            tags.append(StatsDTag(key, value))
            index += 1  // past `,`; a trailing one leaves an empty tag for the next round
        } while index <= count
        return true
    }

    private static func type(_ line: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> StatsDType? {
        switch end - start {
        case 1:
            switch line[start] {
            case UInt8(ascii: "c"): return .counter
            case UInt8(ascii: "g"): return .gauge
            case UInt8(ascii: "h"): return .histogram
            case UInt8(ascii: "s"): return .set
            case UInt8(ascii: "d"): return .distribution
            default: return nil
            }
        case 2:
            return line[start] == UInt8(ascii: "m") && line[start + 1] == UInt8(ascii: "s") ? .timer : nil
        default:
            return nil
        }
    }

    private static func hasPrefix(_ line: UnsafeRawBufferPointer, _ prefix: StaticString) -> Bool {
        guard line.count >= prefix.utf8CodeUnitCount else { return false }
        let bytes = prefix.utf8Start
        for offset in 0..<prefix.utf8CodeUnitCount where line[offset] != bytes[offset] { return false }
        return true
    }

    @inline(__always)
    private static func slice(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }
}

private let colon = UInt8(ascii: ":")
private let bar = UInt8(ascii: "|")
private let comma = UInt8(ascii: ",")
private let plus = UInt8(ascii: "+")
private let minus = UInt8(ascii: "-")
