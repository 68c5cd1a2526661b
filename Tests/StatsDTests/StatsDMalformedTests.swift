import Testing
@testable import StatsD

/// Each bad line refused with its reason, and the lines around it kept.
@Suite struct StatsDMalformedTests {
    static let table: [(String, BadLineReason)] = [
        ("a", .badFormat),
        ("a:1", .badFormat),
        ("a:1:2", .badFormat),
        ("a|c", .badFormat),
        ("a:1|c|", .badFormat),
        ("a:1|c||#k:v", .badFormat),
        ("a:|c", .badValue),
        ("a:", .badValue),
        ("a:1:|c", .badValue),
        ("a:1|c:", .badValue),
        ("a:1|", .badType),
        ("a:1|x", .badType),
        ("a:1|C", .badType),
        ("a:1|MS", .badType),
        ("a:1|msx", .badType),
        ("a:1|c |@0.5", .badType),
        ("a:1|c|@0", .badSampleRate),
        ("a:1|c|@0.0", .badSampleRate),
        ("a:1|c|@2", .badSampleRate),
        ("a:1|c|@1.0001", .badSampleRate),
        ("a:1|c|@-1", .badSampleRate),
        ("a:1|c|@", .badSampleRate),
        ("a:1|c|@abc", .badSampleRate),
        ("a:1|c|@0.1@0.2", .badSampleRate),
        ("a:1|c|@0.5|@0.5", .badSampleRate),
        ("a:1|c|@nan", .badSampleRate),
        ("a:1|c|@1e-400", .badSampleRate),
        ("a:1|c|#t:v,", .badTags),
        ("a:1|c|#", .badTags),
        ("a:1|c|#a,,b", .badTags),
        ("a:1|c|#:v", .badTags),
        ("a:1|c|#a|#b", .badTags),
        ("a:nan|c", .badValue),
        ("a:NaN|g", .badValue),
        ("a:inf|ms", .badValue),
        ("a:-inf|g", .badValue),
        ("a:+inf|c", .badValue),
        ("a:0x1p3|c", .badValue),
        ("a:1e400|c", .badValue),
        ("a:-1e999|g", .badValue),
        ("a:1,5|g", .badValue),
        ("a: 1|c", .badValue),
        ("a:1 |c", .badValue),
        ("a:+|g", .badValue),
        ("a:1|c:x|ms", .badValue),
        (":1|c", .badName),
        ("a..b:1|c", .badName),
        (".a:1|c", .badName),
        ("a.:1|c", .badName),
        ("a/b:1|c", .badName),
        ("../../etc/x:1|c", .badName),
        ("a b:1|c", .badName),
        ("-rf:1|c", .badName),
        ("caf\u{e9}:1|c", .badName),
        ("a\u{0}b:1|c", .badName),
        ("a\rb:1|c", .badName),
        ("a;k=v:1|c", .badName),
        ("users.current,service=payroll:32|g", .badName),
        (String(repeating: "n", count: 300) + ":1|c", .badName),
        (String(repeating: "n", count: 10_240) + ":1|c", .tooLong),
        ("a:" + String(repeating: "1", count: 9000) + "|c", .tooLong),
    ]

    @Test(arguments: table)
    func refusedWithTheReasonAndNeighboursKept(_ bad: String, _ reason: BadLineReason) {
        let result = StatsDParser.parse("before:1|c\n\(bad)\nafter:2|g")
        #expect(result.metrics.map(\.name.rawValue) == ["before", "after"])
        #expect(result.metrics.map(\.value) == [1, 2])
        #expect(result.badLines.counts == [reason: 1])
        #expect(result.badLines.examples.count == 1)
        #expect(result.badLines.examples.first?.hasPrefix(reason.rawValue + ": ") == true)
    }

    @Test func aBadGroupRefusesTheWholeLine() {
        let result = StatsDParser.parse("a:1|c:2|x")
        #expect(result.metrics.isEmpty)
        #expect(result.badLines.counts == [.badType: 1])
    }

    @Test func binaryGarbageIsCountedNotParsed() {
        var random = SplitMix64(seed: 7)
        var garbage = (0..<4000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        garbage.removeAll { $0 == UInt8(ascii: "\n") }  // one line, so exactly one refusal
        for bad in [garbage, [0, 0, 0], [0xFF, 0xFE, 0x3A, 0x31, 0x7C, 0x63], Array("a:1|c\u{0}".utf8), [0xC3, 0x28, 0x3A, 0x31, 0x7C, 0x67]] {
            let datagram = Array("before:1|c\n".utf8) + bad + Array("\nafter:2|g\n".utf8)
            let result = StatsDParser.parse(datagram)
            #expect(result.metrics.map(\.name.rawValue) == ["before", "after"])
            #expect(result.badLines.total == 1)
            let example = result.badLines.examples.first ?? ""
            #expect(example.utf8.allSatisfy { (0x20...0x7E).contains($0) }, "\(example)")
            #expect(example.count <= BadLines.maxExampleLength + "bad_format: ...".count)
        }
    }

    @Test func randomBytesNeverCrash() {
        var random = SplitMix64(seed: 99)
        let alphabet = Array("ab.:|@#,c gms01-+e\n\r\u{0}".utf8) + [0xFF]
        for _ in 0..<2000 {
            let bytes = (0..<Int(random.next() % 80)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let result = StatsDParser.parse(bytes)
            let lines = bytes.split(separator: UInt8(ascii: "\n")).filter { !($0.count == 1 && $0.first == UInt8(ascii: "\r")) }
            #expect(result.badLines.total <= lines.count)
            #expect(result.metrics.allSatisfy { $0.value.isFinite && $0.sampleRate > 0 && $0.sampleRate <= 1 })
        }
    }

    @Test func examplesAreEscapedAndCut() throws {
        let line = Array("bad\\name".utf8) + [0x1B, 0x5B, 0x33, 0x31, 0x6D, 0xFF] + Array(String(repeating: "x", count: 200).utf8) + Array(":1|c".utf8)
        let result = StatsDParser.parse(line)
        let example = try #require(result.badLines.examples.first)
        #expect(example.hasPrefix("bad_name: bad\\\\name\\x1b[31m\\xff"))
        #expect(example.hasSuffix("..."))
        #expect(example.count - "bad_name: ".count == BadLines.maxExampleLength + 3)
    }

    @Test func onlyTheFirstFewExamplesAreKept() {
        let result = StatsDParser.parse(Array(repeating: "x:nan|c", count: 50).joined(separator: "\n"))
        #expect(result.badLines.counts == [.badValue: 50])
        #expect(result.badLines.examples.count == BadLines.maxExamples)
    }

    /// A full-size datagram of good lines with bad ones among them: every good line kept with its
    /// value, every bad one counted under its reason.
    @Test func packedDatagram() {
        let bads = Self.table.filter { $0.1 != .tooLong }
        var text = ""
        var goods: [(String, Double)] = []
        var expected: [BadLineReason: Int] = [:]
        var index = 0
        while text.utf8.count < 64_800 {
            let good = ("app.web.requests.n\(index)", Double(index))
            text += "\(good.0):\(index)|c|@1|#env:prod\n"
            goods.append(good)
            if index % 3 == 0 {
                let bad = bads[index / 3 % bads.count]
                text += bad.0 + "\n"
                expected[bad.1, default: 0] += 1
            }
            index += 1
        }
        let bytes = Array(text.utf8)
        #expect(bytes.count <= 65_507)
        let result = StatsDParser.parse(bytes)
        #expect(result.metrics.count == goods.count)
        #expect(result.metrics.map(\.name.rawValue) == goods.map(\.0))
        #expect(result.metrics.map(\.value) == goods.map(\.1))
        #expect(result.badLines.counts == expected)
        #expect(Set(expected.keys).count >= 6)
    }
}
