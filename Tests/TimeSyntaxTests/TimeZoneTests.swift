import Foundation
import Testing
import TimeSyntax

/// Calendar units follow the wall clock of the given zone; clock units count exact seconds.
@Suite struct TimeZoneTests {
    /// 2026-03-29 12:00 CEST, the day Berlin moved to summer time (a 23-hour day).
    static let springNoon = 1_774_778_400
    /// 2026-10-25 12:00 CET, the day Berlin moved back (a 25-hour day).
    static let autumnNoon = 1_792_926_000

    @Test func aDayBackIsTheSameWallTimeAcrossSpringForward() throws {
        #expect(try TimeSyntax.time("-1d", now: Self.springNoon, timeZone: berlin) == 1_774_695_600)  // Mar 28 12:00 CET
        #expect(Self.springNoon - 1_774_695_600 == 23 * 3_600)
        #expect(try TimeSyntax.time("-24h", now: Self.springNoon, timeZone: berlin) == Self.springNoon - 86_400)
    }

    @Test func aDayBackIsTheSameWallTimeAcrossFallBack() throws {
        #expect(try TimeSyntax.time("-1d", now: Self.autumnNoon, timeZone: berlin) == 1_792_836_000)  // Oct 24 12:00 CEST
        #expect(Self.autumnNoon - 1_792_836_000 == 25 * 3_600)
        #expect(try TimeSyntax.time("-1w", now: Self.autumnNoon, timeZone: berlin) == Self.autumnNoon - 7 * 86_400 - 3_600)
    }

    @Test func namedDaysAreLocalMidnights() throws {
        #expect(try TimeSyntax.time("today", now: now, timeZone: berlin) == 1_764_284_400)  // 2025-11-28 00:00 CET
        #expect(try TimeSyntax.time("yesterday", now: now, timeZone: berlin) == 1_764_198_000)
        #expect(try TimeSyntax.time("noon", now: now, timeZone: berlin) == 1_764_327_600)
        #expect(try TimeSyntax.time("today", now: Self.springNoon, timeZone: berlin) == 1_774_738_800)  // 00:00 CET
    }

    @Test func isoWithoutZoneIsLocalAndWithZoneIsNot() throws {
        #expect(try TimeSyntax.time("2026-11-28 14:00", now: now, timeZone: berlin) == 1_795_870_800)
        #expect(try TimeSyntax.time("2026-11-28T14:00Z", now: now, timeZone: berlin) == 1_795_874_400)
        #expect(try TimeSyntax.time("2026-11-28T14:00+01:00", now: now, timeZone: utc) == 1_795_870_800)
    }

    /// 02:30 does not exist on the spring-forward night: it is read as Calendar moves it, to 03:30.
    @Test func skippedWallTimeMovesForward() throws {
        #expect(try TimeSyntax.time("2026-03-29 02:30", now: now, timeZone: berlin) == 1_774_747_800)
    }
}
