/// A parsed time before resolution: a base point and signed offsets applied left to right.
struct TimeExpression: Sendable, Equatable {
    enum Base: Sendable, Equatable {
        case now
        /// The other end of a range (`start` in until, `end` in from).
        case start, end
        case epoch(Int)
        /// `today`, `yesterday`, `tomorrow`, `midnight`, `noon`: a clock time on a day relative to today.
        case dayClock(days: Int, hour: Int)
        case wallTime(WallTime)
    }

    var base: Base
    var offsets: [Offset] = []

    var usesStart: Bool { base == .start }
    var usesEnd: Bool { base == .end }
}

/// An ISO 8601 date and time as written; `utcOffset` nil means "in the caller's time zone".
struct WallTime: Sendable, Equatable {
    var year, month, day: Int
    var hour = 0, minute = 0, second = 0
    var utcOffset: Int?
}

/// The grammar, on a scanner:
///
///     time    = base [offsets] | offsets            (offsets alone count from now)
///     base    = now | start | end | today | yesterday | tomorrow | midnight | noon
///             | epoch (9-10 digits) | date [("t" | " ") hh:mm[:ss] ["z" | ("+"|"-") hh:mm]]
///     offsets = ("+" | "-") term {term} {("+" | "-") term {term}}   (unsigned terms keep the sign)
///     term    = digits unit
extension TimeExpression {
    private static let words: [String: Base] = [
        "now": .now, "start": .start, "end": .end,
        "today": .dayClock(days: 0, hour: 0), "midnight": .dayClock(days: 0, hour: 0),
        "yesterday": .dayClock(days: -1, hour: 0), "tomorrow": .dayClock(days: 1, hour: 0),
        "noon": .dayClock(days: 0, hour: 12),
    ]

    /// `text` is already trimmed and length-checked.
    static func parse(_ text: String) throws(TimeSyntaxError) -> TimeExpression {
        var scanner = TimeScanner(text)
        var expression = TimeExpression(base: .now)
        let explicitBase = scanner.peek() != UInt8(ascii: "+") && scanner.peek() != UInt8(ascii: "-")
        if explicitBase { expression.base = try base(&scanner, text) }
        expression.offsets = try offsets(&scanner, text)
        guard scanner.atEnd, explicitBase || !expression.offsets.isEmpty else { throw .unreadable(text) }
        return expression
    }

    private static func base(_ scanner: inout TimeScanner, _ text: String) throws(TimeSyntaxError) -> Base {
        guard scanner.peekIsDigit() else {
            guard let base = words[scanner.word()] else { throw .unreadable(text) }
            return base
        }
        let number = scanner.digits()
        if number.count == 4, scanner.peek() == UInt8(ascii: "-"), let year = number.value {
            return .wallTime(try wallTime(year: year, &scanner, text))
        }
        guard number.count <= 10 else { throw .outOfRange(text) }
        guard number.count >= 9, let epoch = number.value else { throw .unreadable(text) }
        return .epoch(epoch)
    }

    /// The rest of `yyyy-mm-dd[Thh:mm[:ss][zone]]` after the year.
    private static func wallTime(year: Int, _ scanner: inout TimeScanner, _ text: String) throws(TimeSyntaxError) -> WallTime {
        guard scanner.take(UInt8(ascii: "-")), let month = scanner.fixedDigits(2),
              scanner.take(UInt8(ascii: "-")), let day = scanner.fixedDigits(2)
        else { throw .unreadable(text) }
        var wall = WallTime(year: year, month: month, day: day)
        guard scanner.take(UInt8(ascii: "t")) || scanner.take(UInt8(ascii: " ")) else { return wall }
        guard let hour = scanner.fixedDigits(2), scanner.take(UInt8(ascii: ":")), let minute = scanner.fixedDigits(2)
        else { throw .unreadable(text) }
        (wall.hour, wall.minute) = (hour, minute)
        if scanner.take(UInt8(ascii: ":")) {
            guard let second = scanner.fixedDigits(2) else { throw .unreadable(text) }
            wall.second = second
        }
        if scanner.take(UInt8(ascii: "z")) {
            wall.utcOffset = 0
        } else if let sign = scanner.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
                  scanner.peekIsDigit(1), scanner.peekIsDigit(2), scanner.peek(3) == UInt8(ascii: ":") {
            // `+01:00` is a zone; `+1h` or `+10h` (no colon) is an offset, left for `offsets`.
            _ = scanner.take(sign)
            guard let hours = scanner.fixedDigits(2), scanner.take(UInt8(ascii: ":")), let minutes = scanner.fixedDigits(2),
                  hours <= 18, minutes <= 59
            else { throw .noSuchDate(text) }
            wall.utcOffset = (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3_600 + minutes * 60)
        }
        return wall
    }

    private static func offsets(_ scanner: inout TimeScanner, _ text: String) throws(TimeSyntaxError) -> [Offset] {
        var offsets: [Offset] = []
        var sign: Int?
        while let byte = scanner.peek() {
            if scanner.take(UInt8(ascii: "+")) {
                sign = 1
            } else if scanner.take(UInt8(ascii: "-")) {
                sign = -1
            } else if sign == nil || !TimeScanner.isDigit(byte) {
                break
            }
            let number = scanner.digits()
            guard number.count > 0, let sign else { throw .unreadable(text) }
            // Nine digits already reach a billion seconds; more is never meant.
            guard number.count <= 9, let amount = number.value else { throw .outOfRange(text) }
            guard let unit = TimeUnit(scanner.word()) else { throw .unreadable(text) }
            offsets.append(Offset(amount: sign * amount, unit: unit))
        }
        return offsets
    }
}
