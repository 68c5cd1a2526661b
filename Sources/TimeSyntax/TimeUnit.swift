/// Units of relative offsets and durations.
///
/// `m` means minutes, as in Graphite and in configuration durations; rrdtool instead guesses
/// minutes or months from the neighbouring numbers, which surprises people. Months are `mon`.
enum TimeUnit: Sendable {
    case second, minute, hour, day, week, month, year

    private static let names: [String: TimeUnit] = [
        "s": .second, "sec": .second, "secs": .second, "second": .second, "seconds": .second,
        "m": .minute, "min": .minute, "mins": .minute, "minute": .minute, "minutes": .minute,
        "h": .hour, "hr": .hour, "hrs": .hour, "hour": .hour, "hours": .hour,
        "d": .day, "day": .day, "days": .day,
        "w": .week, "week": .week, "weeks": .week,
        "mon": .month, "month": .month, "months": .month,
        "y": .year, "year": .year, "years": .year,
    ]

    /// `name` must already be lowercase.
    init?(_ name: String) {
        guard let unit = Self.names[name] else { return nil }
        self = unit
    }

    /// Length when it never depends on the date: clock units always, days and weeks only in a
    /// duration (a step or refresh interval has no time zone).
    var durationSeconds: Int? {
        switch self {
        case .second: 1
        case .minute: 60
        case .hour: 3_600
        case .day: 86_400
        case .week: 604_800
        case .month, .year: nil
        }
    }

    /// Longest this unit can be anywhere (a 25-hour DST day, a leap year), to refuse absurd
    /// amounts before they reach Calendar.
    var maxSeconds: Int {
        switch self {
        case .second, .minute, .hour: durationSeconds!
        case .day: 90_000
        case .week: 7 * 90_000
        case .month: 31 * 90_000
        case .year: 366 * 90_000
        }
    }
}

/// One signed term of a relative time: `-2d` is `Offset(amount: -2, unit: .day)`.
struct Offset: Sendable, Equatable {
    let amount: Int
    let unit: TimeUnit
}
