import Testing
import TimeSyntax

/// Durations for `--step` and refresh intervals.
@Suite struct DurationTests {
    static let accepted: [(String, Int)] = [
        ("10s", 10), ("5m", 300), ("1h", 3_600), ("2d", 172_800), ("1w", 604_800), ("1h30m", 5_400),
        (" 10S ", 10), ("90sec", 90), ("2hours", 7_200), ("15min", 900), ("5200w", 5_200 * 604_800),
    ]

    @Test(arguments: accepted)
    func reads(_ text: String, _ seconds: Int) throws {
        #expect(try TimeSyntax.duration(text) == seconds)
    }

    @Test(arguments: ["", "0s", "0m0s", "-5m", "+5m", "5", "m", "1mon", "1y", "5x", "now", "10 s", "1.5h", "\u{661}s", "999999999w"])
    func refuses(_ text: String) {
        #expect(throws: TimeSyntaxError.unreadableDuration(text.trimmingCharacters(in: .whitespaces))) { try TimeSyntax.duration(text) }
    }

    @Test func refusesLongInput() {
        #expect(throws: TimeSyntaxError.tooLong(length: 10_240)) { try TimeSyntax.duration(String(repeating: "9", count: 10_240)) }
    }
}
