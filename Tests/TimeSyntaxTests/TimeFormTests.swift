import Foundation
import Testing
import TimeSyntax

let utc = TimeZone(identifier: "UTC")!
let berlin = TimeZone(identifier: "Europe/Berlin")!
/// 2025-11-28T14:00:00Z, a Friday (15:00 in Berlin).
let now = 1_764_338_400

/// Every accepted form in UTC, with `now` fixed.
@Suite struct TimeFormTests {
    static let accepted: [(String, Int)] = [
        ("now", now),
        ("  NOW \n", now),
        ("1764338400", now),
        ("999999999", 999_999_999),
        ("1764338400-1h", now - 3_600),
        // Offsets from now.
        ("-1h", now - 3_600),
        ("+30min", now + 1_800),
        ("-2d", now - 2 * 86_400),
        ("-1w", now - 604_800),
        ("-3mon", 1_756_389_600),  // 2025-08-28T14:00Z
        ("-1y", 1_732_802_400),  // 2024-11-28T14:00Z
        ("-1d-12h", now - 86_400 - 43_200),
        ("-1d12h", now - 86_400 - 43_200),
        ("+1h-30m", now + 1_800),
        ("now-1d", now - 86_400),
        ("now", now),
        // Unit spellings, any case.
        ("-90s", now - 90), ("-90sec", now - 90), ("-90secs", now - 90), ("-1second", now - 1), ("-2seconds", now - 2),
        ("-5m", now - 300), ("-5min", now - 300), ("-5mins", now - 300), ("-1minute", now - 60), ("-5minutes", now - 300),
        ("-2h", now - 7_200), ("-2hr", now - 7_200), ("-2hrs", now - 7_200), ("-1hour", now - 3_600), ("-1hours", now - 3_600),
        ("-1day", now - 86_400), ("-2days", now - 172_800), ("-1week", now - 604_800), ("-2weeks", now - 1_209_600),
        ("-1month", 1_761_660_000), ("-1months", 1_761_660_000), ("-1year", 1_732_802_400), ("-1years", 1_732_802_400),
        ("-1HOURS", now - 3_600), ("Now-1D", now - 86_400), ("-15MIN", now - 900),
        // Graphite.
        ("-15min", now - 900),
        // ISO 8601.
        ("2026-11-28T14:00:00Z", 1_795_874_400),
        ("2026-11-28T14:00Z", 1_795_874_400),
        ("2026-11-28t14:00z", 1_795_874_400),
        ("2026-11-28T15:00+01:00", 1_795_874_400),
        ("2026-11-28T09:30:00-04:30", 1_795_874_400),
        ("2026-11-28 14:00", 1_795_874_400),
        ("2026-11-28", 1_795_824_000),
        ("2026-11-28-1d", 1_795_824_000 - 86_400),
        ("2026-11-28T14:00Z+1h", 1_795_874_400 + 3_600),
        ("2026-11-28T14:00-10h", 1_795_874_400 - 36_000),
        ("2024-02-29", 1_709_164_800),
        // Named.
        ("today", 1_764_288_000),
        ("midnight", 1_764_288_000),
        ("yesterday", 1_764_201_600),
        ("tomorrow", 1_764_374_400),
        ("noon", 1_764_331_200),
        ("noon-1d", 1_764_331_200 - 86_400),
    ]

    @Test(arguments: accepted)
    func readsForm(_ text: String, _ expected: Int) throws {
        #expect(try TimeSyntax.time(text, now: now, timeZone: utc) == expected)
    }

    @Test func monthsClampToTheEndOfShorterMonths() throws {
        let march31 = try TimeSyntax.time("2026-03-31T12:00Z", now: now, timeZone: utc)
        #expect(try TimeSyntax.time("2026-03-31T12:00Z-1mon", now: now, timeZone: utc) == march31 - 31 * 86_400)  // Feb 28
        #expect(try TimeSyntax.time("2024-02-29-1y", now: now, timeZone: utc) == 1_677_542_400)  // 2023-02-28
    }
}
