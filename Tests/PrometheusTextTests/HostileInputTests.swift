import Testing
import PrometheusText

@Suite struct HostileInputTests {
    static let megabyte = 1 << 20

    @Test func oneMegabyteLineWithoutNewline() throws {
        let e = Exposition.parse(Array(repeating: UInt8(ascii: "a"), count: Self.megabyte))
        #expect(e.samples.isEmpty)
        #expect(e.issueCount == 1)
        // Issues quote a bounded snippet, never the line.
        #expect(try #require(e.issues.first).message.utf8.count < 100)
    }

    @Test func oneMegabyteLabelValue() throws {
        let value = String(repeating: "v", count: Self.megabyte)
        let ok = parse("m{a=\"\(value)\"} 1\n")
        #expect(try #require(ok.samples.first).label("a")?.utf8.count == Self.megabyte)
        let unterminated = parse("m{a=\"\(value)")
        #expect(unterminated.issues.first?.message.hasPrefix("label value not terminated") == true)
    }

    @Test func nulBytes() {
        let cases: [[UInt8]] = [
            [0], [0, 0, 0x0A, 0],
            Array("m\0 1\n".utf8), Array("m 1\0\n".utf8), Array("\0m 1\n".utf8), Array("# HELP m a\0b\n".utf8),
        ]
        for bytes in cases {
            let e = Exposition.parse(bytes)
            #expect(e.samples.isEmpty)
            #expect(e.issueCount + e.help.count >= 1)
        }
        // NUL is valid UTF-8, so it is a legal (if odd) label value character, as in Prometheus.
        #expect(parse("m{a=\"x\0y\"} 1").samples.first?.label("a") == "x\0y")
    }

    @Test func invalidUTF8() {
        let bad: [UInt8] = [0xFF, 0xC3, 0x28, 0xE2, 0x82, 0xED, 0xA0, 0x80]  // stray, truncated, surrogate
        var value = Array("m{a=\"".utf8) + bad + Array("\"} 1\nok 2\n".utf8)
        var e = Exposition.parse(value)
        #expect(e.samples.map(\.name) == ["ok"])
        #expect(e.issues.first?.message.hasPrefix("label value is not valid UTF-8") == true)

        value = Array("# HELP m x".utf8) + bad + Array("\nm 1\n".utf8)
        e = Exposition.parse(value)
        #expect(e.issues == [])
        #expect(e.help["m"]?.hasPrefix("x\u{FFFD}") == true)  // repaired, not dropped

        e = Exposition.parse(bad + [0x20, 0x31, 0x0A] + bad)
        #expect(e.samples.isEmpty)
        #expect(e.issueCount == 2)
    }

    @Test func tenThousandOpenBraces() {
        let braces = String(repeating: "{", count: 10_000)
        for text in [braces, "m" + braces, "m{a=\"b\"," + braces, "m{a=\"" + braces] {
            let e = parse(text + "\nok 1\n")
            #expect(e.samples.map(\.name) == ["ok"])
            #expect(e.issueCount == 1)
        }
    }

    @Test func hundredThousandLabelsInOneSample() {
        let labels = (0..<100_000).map { "l\($0)=\"\($0)\"" }.joined(separator: ",")
        let e = parse("m{\(labels)} 1\n")
        #expect(e.samples.first?.labels.count == 100_000)
        let withDuplicate = parse("m{\(labels),l5=\"x\"} 1\n")
        #expect(withDuplicate.samples.isEmpty)
        #expect(withDuplicate.issues.first?.message.hasPrefix("duplicate label name: l5") == true)
    }

    @Test func randomGarbage() {
        var rng = SplitMix64(seed: 1)
        for round in 0..<8 {
            // Bias toward the format's own bytes so the garbage reaches deep into the parser.
            let alphabet = Array("m_:{}=\",\\ \t\n#0123456789.eE+-InfNaHELPTYPE\r\0".utf8) + [0xFF, 0xC3]
            let bytes = (0..<(Self.megabyte / 8)).map { _ in
                let r = rng.next()
                return round % 2 == 0 ? alphabet[Int(r % UInt64(alphabet.count))] : UInt8(truncatingIfNeeded: r)
            }
            let e = Exposition.parse(bytes)
            #expect(e.issues.count <= Exposition.maxIssues)
            #expect(e.samples.count + e.issueCount <= bytes.count)
        }
    }

    @Test func onlyNewlinesAndBlanks() {
        for text in [String(repeating: "\n", count: Self.megabyte), String(repeating: " \t\r\n", count: 100_000)] {
            let e = parse(text)
            #expect(e.samples.isEmpty && e.issueCount == 0)
        }
    }
}
