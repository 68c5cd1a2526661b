import Foundation

/// The time syntax of the web UI, HTTP API and CLI (`--from`/`--until`, `from=`/`until=`).
///
/// Our own strict parser: librrd's at-style parser keeps global state and must never be called,
/// so only the epoch seconds resolved here reach librrd. Accepted (case-insensitive, trimmed):
///
/// - `now`; epoch seconds `1764338400` (9-10 digits, 1990 to 2100);
/// - offsets from now `-1h`, `+30min`, `-1d-12h`, `-1d12h` (an unsigned term keeps the sign),
///   or from a base: `now-1d`, `noon+2h`, `2026-11-28-1w`; in a range also `end-1w`/`start+2h`;
///   units s/sec/second(s), m/min/minute(s), h/hr/hour(s), d/day(s), w/week(s), mon/month(s),
///   y/year(s) (`m` is minutes; see `TimeUnit` and, for calendar units, `TimeExpression.resolve`);
/// - ISO 8601 `2026-11-28T14:00:00Z`, `2026-11-28T14:00+01:00`, `2026-11-28 14:00`,
///   `2026-11-28` (midnight); without a zone, in `timeZone`;
/// - `today`, `midnight` (today 00:00), `yesterday`, `tomorrow` (00:00), `noon` (today 12:00).
public enum TimeSyntax {
    /// Longest input read, after trimming.
    public static let maxLength = 64
    /// Longest duration accepted: 100 years of 365 days.
    public static let maxDuration = 100 * 365 * 86_400

    /// Parses one time; `now` is fixed by the caller for testability. `start`/`end` are refused.
    public static func time(_ text: String, now: Int, timeZone: TimeZone = .current) throws(TimeSyntaxError) -> Int {
        let text = try trimmed(text)
        return try TimeExpression.parse(text).resolve(now: now, other: nil, calendar: calendar(timeZone), text: text)
    }

    /// Resolves `--from`/`--until`. A missing until is `now`; a missing from is `defaultSpan`
    /// seconds before until. One side may refer to the other (`from=end-1w&until=1764338400`),
    /// not both. The result has `start < end` and, when `maxSpan` is given, at most that span.
    public static func range(
        from: String?, until: String?, now: Int, timeZone: TimeZone = .current,
        defaultSpan: Int = 86_400, maxSpan: Int? = nil
    ) throws(TimeSyntaxError) -> TimeRange {
        let fromText = try from.map(trimmed) ?? "end-\(defaultSpan)s"
        let untilText = try until.map(trimmed) ?? "now"
        // Clamped only so that negating it cannot overflow; out-of-bounds spans still fail below.
        let span = min(max(defaultSpan, 0), TimeExpression.latest)
        let start = try from == nil
            ? TimeExpression(base: .end, offsets: [Offset(amount: -span, unit: .second)])
            : TimeExpression.parse(fromText)
        let end = try TimeExpression.parse(untilText)
        let calendar = calendar(timeZone)
        let range: TimeRange
        switch (start.usesStart || start.usesEnd, end.usesStart || end.usesEnd) {
        case (false, false):
            range = TimeRange(start: try start.resolve(now: now, other: nil, calendar: calendar, text: fromText),
                              end: try end.resolve(now: now, other: nil, calendar: calendar, text: untilText))
        case (true, false) where start.usesEnd:
            let endTime = try end.resolve(now: now, other: nil, calendar: calendar, text: untilText)
            range = TimeRange(start: try start.resolve(now: now, other: endTime, calendar: calendar, text: fromText), end: endTime)
        case (false, true) where end.usesStart:
            let startTime = try start.resolve(now: now, other: nil, calendar: calendar, text: fromText)
            range = TimeRange(start: startTime, end: try end.resolve(now: now, other: startTime, calendar: calendar, text: untilText))
        default:
            throw .circularReference(from: fromText, until: untilText)
        }
        guard range.start < range.end else { throw .notIncreasing(start: range.start, end: range.end) }
        if let maxSpan, range.seconds > maxSpan { throw .spanTooLong(seconds: range.seconds, max: maxSpan) }
        return range
    }

    /// A positive duration for `--step` or refresh intervals: `10s`, `5m`, `1h`, `2d`, `1w`,
    /// `1h30m`. Months and years are refused: their length depends on the date.
    ///
    /// Overlaps MetricStore's `DurationText.seconds` (configuration durations), which this target
    /// cannot use without depending on MetricStore. Differences: this one is case-insensitive,
    /// takes long unit names and chained terms, and refuses `y`.
    public static func duration(_ text: String) throws(TimeSyntaxError) -> Int {
        let text = try trimmed(text)
        // A duration is an offset without its sign: `1h30m` reads as `+1h30m`.
        guard let expression = try? TimeExpression.parse("+" + text), expression.base == .now
        else { throw .unreadableDuration(text) }
        var seconds = 0
        for offset in expression.offsets {
            guard let size = offset.unit.durationSeconds else { throw .unreadableDuration(text) }
            seconds += offset.amount * size  // at most 9 digits times a week per term: no overflow
        }
        guard seconds > 0, seconds <= maxDuration else { throw .unreadableDuration(text) }
        return seconds
    }

    private static func trimmed(_ text: String) throws(TimeSyntaxError) -> String {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.count <= maxLength else { throw .tooLong(length: text.count) }
        return text
    }

    private static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
