import Foundation
import Testing
import TimeSyntax

/// `--from`/`--until` resolution: defaults, references to the other end, and refusals.
@Suite struct TimeRangeTests {
    func range(_ from: String?, _ until: String?, at time: Int = now, in zone: TimeZone = utc,
               defaultSpan: Int = 86_400, maxSpan: Int? = nil) throws -> TimeRange {
        try TimeSyntax.range(from: from, until: until, now: time, timeZone: zone, defaultSpan: defaultSpan, maxSpan: maxSpan)
    }

    @Test func defaultsToTheLastDay() throws {
        let last = try range(nil, nil)
        #expect(last == TimeRange(start: now - 86_400, end: now))
        #expect(last.seconds == 86_400)
        #expect(try range(nil, nil, defaultSpan: 3_600) == TimeRange(start: now - 3_600, end: now))
        #expect(try range("-1w", nil) == TimeRange(start: now - 604_800, end: now))
    }

    @Test func missingFromEndsAtUntil() throws {
        #expect(try range(nil, "1764000000") == TimeRange(start: 1_764_000_000 - 86_400, end: 1_764_000_000))
    }

    @Test func plainOffsetsCountFromNowOnBothSides() throws {
        #expect(try range("-1d", "-1h") == TimeRange(start: now - 86_400, end: now - 3_600))
    }

    @Test func fromMayReferToUntil() throws {
        let later = now + 10 * 86_400
        #expect(try range("end-1w", "1764338400", at: later) == TimeRange(start: now - 604_800, end: now))
        #expect(try range("end-1d", "2026-11-28", at: later) == TimeRange(start: 1_795_824_000 - 86_400, end: 1_795_824_000))
    }

    @Test func untilMayReferToFrom() throws {
        #expect(try range("2026-11-28", "start+2h") == TimeRange(start: 1_795_824_000, end: 1_795_824_000 + 7_200))
    }

    static let circular: [(String?, String?)] = [
        ("end-1h", "start+1h"), ("start-1h", "now"), ("-1h", "end"), (nil, "start+1h"), ("start", "end"),
    ]

    @Test(arguments: circular)
    func refusesCircularReferences(_ from: String?, _ until: String?) {
        #expect { try range(from, until) } throws: { error in
            guard case .circularReference = error as? TimeSyntaxError else { return false }
            return true
        }
    }

    @Test(arguments: [("now", "now"), ("now", "-1h"), ("2026-11-28", "2026-11-27"), ("end", "now")] as [(String, String)])
    func refusesEmptyOrBackwardRanges(_ from: String, _ until: String) {
        #expect { try range(from, until) } throws: { error in
            guard case .notIncreasing = error as? TimeSyntaxError else { return false }
            return true
        }
    }

    @Test(arguments: [0, -1, Int.min, Int.max])
    func refusesAbsurdDefaultSpans(_ span: Int) {
        #expect(throws: TimeSyntaxError.self) { try range(nil, nil, defaultSpan: span) }
    }

    @Test func refusesRangesLongerThanAllowed() throws {
        #expect(throws: TimeSyntaxError.spanTooLong(seconds: 172_800, max: 86_400)) { try range("-2d", nil, maxSpan: 86_400) }
        #expect(try range("-1d", nil, maxSpan: 86_400).seconds == 86_400)
    }

    @Test func passesOnErrorsOfEitherSide() {
        #expect(throws: TimeSyntaxError.unreadable("yesterdy")) { try range("yesterdy", nil) }
        #expect(throws: TimeSyntaxError.noSuchDate("2026-02-30")) { try range(nil, "2026-02-30") }
        #expect(throws: TimeSyntaxError.outOfRange("end-40y")) { try range("end-40y", "1000000000") }
    }

    /// `-1d` in Berlin on the spring-forward day is 23 hours.
    @Test func calendarDaysFollowTheZone() throws {
        let springNoon = TimeZoneTests.springNoon
        #expect(try range("-1d", nil, at: springNoon, in: berlin).seconds == 23 * 3_600)
        #expect(try range("-24h", nil, at: springNoon, in: berlin).seconds == 86_400)
    }
}
