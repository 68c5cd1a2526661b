import Foundation
import TimeSyntax

/// Graphite's `from`/`until` and offset syntax, mapped onto our own parser (never librrd's).
///
/// Times: everything `TimeSyntax` reads (`now`, `-6h`, `now-6h`, `-5min`, `-1mon`, epoch seconds,
/// ISO dates), plus Graphite's absolute forms `HH:MM_YYYYMMDD` and `YYYYMMDD`, in `timeZone`.
/// Offsets (`timeShift`, `movingAverage`, `summarize`): `5min`, `1h`, `-1d`, `+2h`.
public enum GraphiteTime {
    /// Ten years, as for graphs.
    public static let maxSpan = 3_653 * 86_400
    /// Graphite's default when `from` is missing: one day back.
    public static let defaultFrom = "-1d"

    public static func range(from: String?, until: String?, now: Int, timeZone: TimeZone = .current) throws(GraphiteError) -> (start: Int, end: Int) {
        let start = try time(from ?? defaultFrom, parameter: "from", now: now, timeZone: timeZone)
        let end = try time(until ?? "now", parameter: "until", now: now, timeZone: timeZone)
        guard start < end else { throw .badTime(parameter: "from", message: "from (\(start)) must be before until (\(end))") }
        guard end - start <= maxSpan else { throw .badTime(parameter: "from", message: "the range is longer than ten years; shorten it") }
        return (start, end)
    }

    public static func time(_ text: String, parameter: String, now: Int, timeZone: TimeZone = .current) throws(GraphiteError) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let absolute = graphiteAbsolute(trimmed, timeZone: timeZone) { return absolute }
        do {
            return try TimeSyntax.time(trimmed, now: now, timeZone: timeZone)
        } catch {
            throw .badTime(parameter: parameter, message: "\(error); Graphite's HH:MM_YYYYMMDD and YYYYMMDD work too")
        }
    }

    /// `HH:MM_YYYYMMDD` or `YYYYMMDD`; nil when the text has neither shape.
    static func graphiteAbsolute(_ text: String, timeZone: TimeZone) -> Int? {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        let date: Substring, clock: (Int, Int)
        switch parts.count {
        case 1: (date, clock) = (parts[0], (0, 0))
        case 2:
            let hm = parts[0].split(separator: ":", omittingEmptySubsequences: false)
            guard hm.count == 2, hm.allSatisfy({ (1...2).contains($0.count) }), let h = Int(hm[0]), let m = Int(hm[1]),
                  (0...23).contains(h), (0...59).contains(m) else { return nil }
            (date, clock) = (parts[1], (h, m))
        default: return nil
        }
        guard date.count == 8, date.allSatisfy(\.isASCII), let year = Int(date.prefix(4)), let month = Int(date.dropFirst(4).prefix(2)),
              let day = Int(date.suffix(2)), (1990...2100).contains(year) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: year, month: month, day: day, hour: clock.0, minute: clock.1)
        guard components.isValidDate(in: calendar), let resolved = calendar.date(from: components) else { return nil }
        return Int(resolved.timeIntervalSince1970)
    }

    /// A signed offset in seconds; an unsigned one is negative when `defaultSign` is -1 (timeShift).
    public static func offset(_ text: String, defaultSign: Int = 1) throws(GraphiteError) -> Int {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var sign = defaultSign
        if body.first == "-" { sign = -1; body = body.dropFirst() } else if body.first == "+" { sign = 1; body = body.dropFirst() }
        do {
            return sign * (try TimeSyntax.duration(String(body)))
        } catch {
            throw .badTime(parameter: "'\(text)'", message: "not a time offset; use e.g. '5min', '1h', '1d' or '-1w'")
        }
    }
}
