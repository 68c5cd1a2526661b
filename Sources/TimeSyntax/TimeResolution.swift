import Foundation

/// Turns a parsed expression into epoch seconds.
///
/// Clock units (s, min, h) add exact seconds. Calendar units add on the wall clock of the time
/// zone: `-1d` is the same wall time on the previous day (23 or 25 hours across a DST change,
/// while `-24h` is always 86 400 s), `-1mon` the same day of the previous month (clamped to its
/// end: Mar 31 - 1mon = Feb 28), `-1y` the same date a year ago.
extension TimeExpression {
    /// Times outside [1990, 2100) are refused: nothing useful lives there, and the bound keeps
    /// every amount far from overflow and from Calendar's odd corners.
    static let earliest = 631_152_000
    static let latest = 4_102_444_800

    /// `other` is the already resolved other end of the range when the base is `start`/`end`.
    func resolve(now: Int, other: Int?, calendar: Calendar, text: String) throws(TimeSyntaxError) -> Int {
        var time = try baseTime(now: now, other: other, calendar: calendar, text: text)
        try Self.check(time, text)
        for offset in offsets {
            time = try Self.add(offset, to: time, calendar: calendar, text: text)
            try Self.check(time, text)
        }
        return time
    }

    private func baseTime(now: Int, other: Int?, calendar: Calendar, text: String) throws(TimeSyntaxError) -> Int {
        switch base {
        case .now:
            return now
        case .start, .end:
            guard let other else { throw .referenceOutsideRange(text) }
            return other
        case .epoch(let epoch):
            return epoch
        case .dayClock(let days, let hour):
            var today = calendar.dateComponents([.year, .month, .day], from: Self.date(now))
            today.day! += days
            today.hour = hour
            guard let date = calendar.date(from: today) else { throw .outOfRange(text) }
            return Self.epoch(date)
        case .wallTime(let wall):
            return try wall.epoch(calendar: calendar, text: text)
        }
    }

    private static func add(_ offset: Offset, to time: Int, calendar: Calendar, text: String) throws(TimeSyntaxError) -> Int {
        guard abs(offset.amount) * offset.unit.maxSeconds <= latest - earliest else { throw .outOfRange(text) }
        let component: (Calendar.Component, Int)
        switch offset.unit {
        case .second, .minute, .hour: return time + offset.amount * offset.unit.maxSeconds
        case .day: component = (.day, offset.amount)
        case .week: component = (.day, offset.amount * 7)
        case .month: component = (.month, offset.amount)
        case .year: component = (.year, offset.amount)
        }
        guard let date = calendar.date(byAdding: component.0, value: component.1, to: date(time)) else { throw .outOfRange(text) }
        return epoch(date)
    }

    private static func check(_ time: Int, _ text: String) throws(TimeSyntaxError) {
        guard (earliest...latest).contains(time) else { throw .outOfRange(text) }
    }

    static func date(_ epoch: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(epoch)) }
    static func epoch(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }
}

extension WallTime {
    func epoch(calendar: Calendar, text: String) throws(TimeSyntaxError) -> Int {
        guard (1...12).contains(month), (1...Self.days(inMonth: month, year: year)).contains(day),
              hour <= 23, minute <= 59, second <= 59
        else { throw .noSuchDate(text) }
        var calendar = calendar
        if let utcOffset {
            guard let zone = TimeZone(secondsFromGMT: utcOffset) else { throw .noSuchDate(text) }
            calendar.timeZone = zone
        }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        // A wall time skipped by a DST change (02:30 on the spring-forward night) comes out as
        // Calendar moves it, one hour later.
        guard let date = calendar.date(from: components) else { throw .noSuchDate(text) }
        return TimeExpression.epoch(date)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
