import Foundation
import Testing
import TimeSyntax

/// Inputs that must be refused with a typed error, never a crash or a guess.
@Suite struct MalformedTimeTests {
    static let refused: [(String, TimeSyntaxError)] = [
        ("", .unreadable("")),
        (" \t\n", .unreadable("")),
        ("-", .unreadable("-")),
        ("-1", .unreadable("-1")),
        ("1h-", .unreadable("1h-")),
        ("1d", .unreadable("1d")),
        ("0", .unreadable("0")),
        ("now--1h", .unreadable("now--1h")),
        ("+-1h", .unreadable("+-1h")),
        ("-1d+", .unreadable("-1d+")),
        ("-1x", .unreadable("-1x")),
        ("-1.5h", .unreadable("-1.5h")),
        ("now -1h", .unreadable("now -1h")),
        ("- 1h", .unreadable("- 1h")),
        ("\u{2212}1h", .unreadable("\u{2212}1h")),  // Unicode minus sign
        ("yesterdy", .unreadable("yesterdy")),
        ("1764338400h", .unreadable("1764338400h")),
        ("12:99", .unreadable("12:99")),
        ("14:00", .unreadable("14:00")),
        ("2026-1-5", .unreadable("2026-1-5")),
        ("2026-11-28T", .unreadable("2026-11-28T")),
        ("2026-11-28T14", .unreadable("2026-11-28T14")),
        ("2026-11-28T14:00:0", .unreadable("2026-11-28T14:00:0")),
        ("now\u{0}", .unreadable("now\u{0}")),
        ("\u{0}", .unreadable("\u{0}")),
        ("\u{661}\u{662}", .unreadable("\u{661}\u{662}")),  // Arabic-Indic digits
        ("-\u{661}h", .unreadable("-\u{661}h")),
        ("2026-13-01", .noSuchDate("2026-13-01")),
        ("2026-00-10", .noSuchDate("2026-00-10")),
        ("2026-02-30", .noSuchDate("2026-02-30")),
        ("2025-02-29", .noSuchDate("2025-02-29")),
        ("2026-11-28T24:00", .noSuchDate("2026-11-28T24:00")),
        ("2026-11-28T14:60", .noSuchDate("2026-11-28T14:60")),
        ("2026-11-28T14:00:60", .noSuchDate("2026-11-28T14:00:60")),
        ("2026-11-28T14:00+19:00", .noSuchDate("2026-11-28T14:00+19:00")),
        ("-99999999999999999999y", .outOfRange("-99999999999999999999y")),
        ("-999999999y", .outOfRange("-999999999y")),
        ("+999999999mon", .outOfRange("+999999999mon")),
        ("-999999999s-999999999s", .outOfRange("-999999999s-999999999s")),
        ("-200y", .outOfRange("-200y")),
        ("now+100y", .outOfRange("now+100y")),
        ("99999999999", .outOfRange("99999999999")),
        ("1764338400000", .outOfRange("1764338400000")),  // milliseconds
        ("123456789", .outOfRange("123456789")),  // 1973
        ("4102444801", .outOfRange("4102444801")),
        ("1989-12-31", .outOfRange("1989-12-31")),
        ("0000-01-01", .outOfRange("0000-01-01")),
        ("start-1h", .referenceOutsideRange("start-1h")),
        ("end", .referenceOutsideRange("end")),
    ]

    @Test(arguments: refused)
    func refuses(_ text: String, _ error: TimeSyntaxError) {
        #expect(throws: error) { try TimeSyntax.time(text, now: now, timeZone: utc) }
    }

    @Test func refusesLongInputWithoutEchoingIt() {
        let huge = String(repeating: "1", count: 10_240)
        #expect(throws: TimeSyntaxError.tooLong(length: 10_240)) { try TimeSyntax.time(huge, now: now) }
        #expect(!TimeSyntaxError.tooLong(length: 10_240).description.contains("1111"))
        #expect(throws: TimeSyntaxError.tooLong(length: 65)) { try TimeSyntax.time("-" + String(repeating: "1", count: 63) + "s", now: now) }
    }

    @Test func messagesQuoteTheInputAndShowForms() {
        #expect(TimeSyntaxError.unreadable("yesterdy").description
            == #"cannot read time "yesterdy": use -1h, now-1d, end-1w, 1764338400 or 2026-11-28T14:00Z"#)
        #expect(TimeSyntaxError.unreadable("now\u{0}\n").description.hasPrefix(#"cannot read time "now\0\n""#))
        #expect(TimeSyntaxError.notIncreasing(start: now, end: now - 3_600).description
            == "from (2025-11-28T14:00:00Z) must be before until (2025-11-28T13:00:00Z)")
    }
}
