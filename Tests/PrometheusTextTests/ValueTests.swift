import Foundation
import Testing
import PrometheusText

@Suite struct ValueTests {
    /// Go's ParseFloat as Prometheus uses it: no hex floats and no `_` (Prometheus rejects any
    /// value containing `p`, `P` or `_`, and Go needs `p` in a hex float), so `0x10` is an issue.
    @Test(arguments: [
        ("NaN", Double.nan), ("nan", .nan), ("NAN", .nan),
        ("+Inf", .infinity), ("-Inf", -.infinity), ("Inf", .infinity), ("inf", .infinity),
        ("+inf", .infinity), ("INF", .infinity), ("Infinity", .infinity), ("-infinity", -.infinity),
        ("1e3", 1000), ("1E3", 1000), ("1e+03", 1000), ("1.5e-3", 0.0015),
        ("+5", 5), ("-5", -5), ("0", 0), ("007", 7), ("1.5", 1.5), (".5", 0.5), ("5.", 5),
        ("0.1", 0.1), ("2.70553174016e+11", 2.70553174016e+11),
        ("1.7958697142433634e+09", 1.7958697142433634e+09),
        ("123456789012345678901234567890", 1.2345678901234568e29),
        ("1.7976931348623157e308", 1.7976931348623157e308),
        ("4.9e-324", .leastNonzeroMagnitude), ("1e-400", 0), ("9007199254740993", 9007199254740992),
    ])
    func accepted(text: String, expected: Double) throws {
        let e = parse("m \(text)\n")
        #expect(e.issues == [])
        let value = try #require(e.samples.first).value
        if expected.isNaN {
            #expect(value.isNaN)
        } else {
            #expect(value == expected)
            #expect(value.sign == expected.sign)
        }
    }

    @Test func negativeZeroKeepsItsSign() throws {
        let value = try #require(parse("m -0\n").samples.first).value
        #expect(value == 0 && value.sign == .minus)
        #expect(try #require(parse("m -0.0e5\n").samples.first).value.sign == .minus)
    }

    @Test(arguments: [
        "0x10", "0x1p4", "0X1P-3", "1_000", "abc", "+NaN", "-nan", "nanx", "Infinit", "Infinityy",
        "1e", "1e+", ".", "e5", "--1", "+-1", "1.2.3", "1e400", "-1e400", "1,5", "١",
    ])
    func rejected(text: String) {
        let e = parse("m \(text)\n")
        #expect(e.samples.isEmpty)
        #expect(e.issues.count == 1)
        #expect(e.issues.first?.message.hasPrefix("invalid value") == true)
    }

    @Test(arguments: [
        ("m 1 1700000000000", Int64?.some(1_700_000_000_000)),
        ("m 1 -5", -5),
        ("m 1 +7", 7),
        ("m 1 0", 0),
        ("m 1", nil),
        ("m 1   ", nil),
        ("m 1 9223372036854775807", .max),
        ("m 1 -9223372036854775808", .min),
    ])
    func timestamp(line: String, expected: Int64?) throws {
        let e = parse(line + "\n")
        #expect(e.issues == [])
        #expect(try #require(e.samples.first).timestamp == expected)
    }

    @Test(arguments: ["1.5", "1e3", "abc", "9223372036854775808", "-9223372036854775809", "-", "0x10", "1_0"])
    func invalidTimestamp(ts: String) {
        let e = parse("m 1 \(ts)\n")
        #expect(e.samples.isEmpty)
        #expect(e.issues.first?.message.hasPrefix("invalid timestamp") == true)
    }

    /// The hand-written fast path must agree bit for bit with the C library's `strtod`.
    @Test func agreesWithStrtodOnRandomDecimals() {
        var rng = SplitMix64(seed: 7)
        var texts: [String] = []
        for _ in 0..<30_000 {
            var s = rng.next() % 4 == 0 ? "-" : ""
            let digits = Int(1 + rng.next() % 25)
            let point = Int(rng.next() % UInt64(digits + 2)) - 1  // -1: no point
            for k in 0..<digits {
                if k == point { s += "." }
                s += String(rng.next() % 10)
            }
            switch rng.next() % 3 {
            case 0: break
            case 1: s += "e\(Int(rng.next() % 60) - 30)"
            default: s += "E\(Int(rng.next() % 660) - 330)"
            }
            texts.append(s)
        }
        let input = texts.enumerated().map { "m{i=\"\($0.offset)\"} \($0.element)\n" }.joined()
        let e = parse(input)
        var mismatches: [String] = []
        var next = 0
        for (i, text) in texts.enumerated() {
            let expected = strtod(text, nil)
            if expected.isInfinite {
                // Out of range: Go (and so this parser) reports an issue.
                continue
            }
            guard next < e.samples.count, e.samples[next].label("i") == String(i) else {
                mismatches.append("\(text): missing")
                continue
            }
            let got = e.samples[next].value
            next += 1
            if got.bitPattern != expected.bitPattern { mismatches.append("\(text): \(got) != \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        #expect(e.samples.count + e.issueCount == texts.count)
        #expect(e.issues.allSatisfy { $0.message.hasPrefix("invalid value") })
    }
}
