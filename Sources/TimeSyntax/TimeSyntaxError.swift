import Foundation

/// Why a time, range or duration was refused. Inputs are kept shortened (at most
/// `TimeSyntax.maxLength` characters) so an error never carries a huge string into a log.
public enum TimeSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not one of the accepted forms.
    case unreadable(String)
    /// Longer than `TimeSyntax.maxLength` characters.
    case tooLong(length: Int)
    /// Right shape, but no such calendar date or clock time (`2026-02-30`, `25:00`).
    case noSuchDate(String)
    /// Before 1990 or after 2100, or an amount too large to mean anything.
    case outOfRange(String)
    /// `start` or `end` used where there is no range to refer to.
    case referenceOutsideRange(String)
    /// From and until both refer to the other end (or one refers to itself).
    case circularReference(from: String, until: String)
    /// The range is empty or backwards.
    case notIncreasing(start: Int, end: Int)
    /// The range is longer than the caller allows.
    case spanTooLong(seconds: Int, max: Int)
    /// Not a positive duration of whole numbers and units s to w, at most `TimeSyntax.maxDuration`.
    case unreadableDuration(String)

    static let timeForms = "use -1h, now-1d, end-1w, 1764338400 or 2026-11-28T14:00Z"

    public var description: String {
        switch self {
        case .unreadable(let text):
            "cannot read time \(Self.quoted(text)): \(Self.timeForms)"
        case .tooLong(let length):
            "time of \(length) characters is too long (at most \(TimeSyntax.maxLength)): \(Self.timeForms)"
        case .noSuchDate(let text):
            "no such date or time \(Self.quoted(text)): months run 01-12, days to the end of the month, hours 00-23, minutes and seconds 00-59"
        case .outOfRange(let text):
            "time \(Self.quoted(text)) is before 1990 or after 2100: use epoch seconds (10 digits) or a date like 2026-11-28"
        case .referenceOutsideRange(let text):
            "\(Self.quoted(text)) refers to the other end of a range: only from/until may use start or end"
        case .circularReference(let from, let until):
            "from \(Self.quoted(from)) and until \(Self.quoted(until)) refer to each other: one of them must use now, a date or epoch seconds"
        case .notIncreasing(let start, let end):
            "from (\(Self.iso(start))) must be before until (\(Self.iso(end)))"
        case .spanTooLong(let seconds, let max):
            "range of \(seconds) seconds is longer than the \(max) seconds allowed: narrow from/until"
        case .unreadableDuration(let text):
            "cannot read duration \(Self.quoted(text)): use whole numbers and units (s, m, h, d, w) up to 100 years, e.g. 10s, 5m, 1h30m, 2d, 1w"
        }
    }

    /// The input shortened and quoted with escapes, so control characters stay visible.
    static func quoted(_ text: String) -> String {
        String(reflecting: shortened(text))
    }

    static func shortened(_ text: String) -> String {
        text.count <= TimeSyntax.maxLength ? text : String(text.prefix(TimeSyntax.maxLength)) + "…"
    }

    private static func iso(_ epoch: Int) -> String {
        Date(timeIntervalSince1970: TimeInterval(epoch)).ISO8601Format()
    }
}
