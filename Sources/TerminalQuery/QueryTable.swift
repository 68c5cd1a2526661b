import Foundation
import GraphRender

/// The terminal table of `metrics query`: a line saying what and when, then per metric its name,
/// a sparkline of the range, and last, min, average and max with units; a row of `▲` under each
/// sparkline where deploys (and other events) happened, and a footer listing them.
public struct QueryTable: Sendable {
    public var width: Int
    public var style: TerminalStyle
    public var timeZone: TimeZone

    /// Events listed in the footer at most.
    static let maxListedEvents = 10
    static let valueWidth = 11
    static let sparkMinimum = 8

    public init(width: Int, style: TerminalStyle, timeZone: TimeZone = .current) {
        self.width = max(width, 40)
        self.style = style
        self.timeZone = timeZone
    }

    public func render(_ result: QueryResult) -> String {
        let data = result.data
        let nameWidth = min(max(data.series.map(\.name.count).max() ?? 4, 4), max(12, width * 2 / 5))
        let columns = valueColumns(room: width - nameWidth - 2 - Self.sparkMinimum)
        let sparkWidth = max(Self.sparkMinimum, width - nameWidth - 2 - (Self.valueWidth + 1) * columns.count)
        var lines = [style.dim(header(result))]
        lines.append(style.bold(pad("NAME", nameWidth) + "  " + pad("", sparkWidth) + columns.map { " " + leftPad($0.heading, Self.valueWidth) }.joined()))
        let events = data.events.filter { $0.start > data.start - 1 && $0.start <= data.end }
        for series in data.series {
            let unit = result.units[series.name] ?? ""
            let spark = Sparkline.render(series.points.map(\.value), width: sparkWidth)
            let values = columns.map { " " + leftPad(ValueFormat.format(series.summary[keyPath: $0.value], unit: unit), Self.valueWidth) }
            lines.append(pad(elide(series.name, nameWidth), nameWidth) + "  " + style.cyan(spark) + String(repeating: " ", count: sparkWidth - spark.count) + values.joined())
            if !events.isEmpty { lines.append(String(repeating: " ", count: nameWidth + 2) + style.yellow(marks(events, columns: spark.count, data: data))) }
        }
        lines += footer(result, events: events)
        return lines.joined(separator: "\n") + "\n"
    }

    /// LAST, MIN, AVG, MAX as room allows; a narrow terminal drops MIN, then AVG, then MAX.
    func valueColumns(room: Int) -> [(heading: String, value: KeyPath<SeriesData.Summary, Double?>)] {
        let all: [(heading: String, value: KeyPath<SeriesData.Summary, Double?>)] =
            [("LAST", \.last), ("MIN", \.min), ("AVG", \.average), ("MAX", \.max)]
        let fit = max(1, min(4, room / (Self.valueWidth + 1)))
        let keep: [[String]] = [["LAST"], ["LAST", "MAX"], ["LAST", "AVG", "MAX"], ["LAST", "MIN", "AVG", "MAX"]]
        return all.filter { keep[fit - 1].contains($0.heading) }
    }

    func header(_ result: QueryResult) -> String {
        let data = result.data
        let span = DurationWords.text(data.end - data.start)
        return "\(result.patterns.joined(separator: " ")) · \(clock(data.start, date: true)) → \(clock(data.end, date: data.end - data.start >= 86_400)) (\(span)) · step \(DurationWords.text(data.step)) · \(timeZone.identifier)"
    }

    /// `▲` at the column of each event's start.
    func marks(_ events: [TimelineEvent], columns: Int, data: SeriesData) -> String {
        var row = [Character](repeating: " ", count: columns)
        let span = Double(max(data.end - data.start, 1))
        for event in events where columns > 0 {
            let column = Int(Double(event.start - data.start) / span * Double(columns))
            row[min(max(column, 0), columns - 1)] = "▲"
        }
        return String(row).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }

    func footer(_ result: QueryResult, events: [TimelineEvent]) -> [String] {
        var lines: [String] = []
        for event in events.suffix(Self.maxListedEvents) {
            let end = event.end.map { " – " + clock($0, date: false) } ?? ""
            lines.append(style.yellow("▲") + " \(clock(event.start, date: false))\(end)  \(event.kind.rawValue)  \(TerminalText.printable(event.label))")
        }
        if events.count > Self.maxListedEvents { lines.append(style.dim("… \(events.count - Self.maxListedEvents) earlier events in the range")) }
        for (name, why) in result.failures.sorted(by: { $0.key < $1.key }) { lines.append(style.dim("\(name): not read: \(TerminalText.printable(why))")) }
        if result.omitted > 0 { lines.append(style.dim("… \(result.omitted) more metrics match; raise --limit to see them")) }
        return lines
    }

    func clock(_ time: Int, date: Bool) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = date ? "yyyy-MM-dd HH:mm" : "HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time)))
    }

    func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
    func leftPad(_ text: String, _ width: Int) -> String { text.count >= width ? text : String(repeating: " ", count: width - text.count) + text }

    /// Cut in the middle, where metric names differ least: `host.disk.nvm…p1.read_bytes`.
    func elide(_ name: String, _ width: Int) -> String {
        guard name.count > width, width > 3 else { return name }
        let head = (width - 1) / 2, tail = width - 1 - head
        return String(name.prefix(head)) + "…" + String(name.suffix(tail))
    }
}

/// `15 min`, `1 h`, `2 d`: spans for headers.
enum DurationWords {
    /// Spans of two minutes or more are shown in whole minutes: the range read is the asked one
    /// widened to whole steps, and "15 min" reads better than "15.0 min" for 902 s.
    static func text(_ seconds: Int) -> String {
        let seconds = seconds >= 120 ? seconds / 60 * 60 : seconds
        switch seconds {
        case ..<120: return "\(seconds) s"
        case ..<7_200 where seconds % 60 == 0: return "\(seconds / 60) min"
        case ..<172_800 where seconds % 3_600 == 0: return "\(seconds / 3_600) h"
        case 172_800... where seconds % 86_400 == 0: return "\(seconds / 86_400) d"
        default: return ValueFormat.duration(Double(seconds))
        }
    }
}

/// Text from outside (event labels, error messages) made safe for a terminal: control characters,
/// escapes included, become `?`.
enum TerminalText {
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format ? "?" : Character(scalar)
        })
    }
}
