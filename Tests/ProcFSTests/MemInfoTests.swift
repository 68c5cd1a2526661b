import ProcFS
import Testing

private func kB(_ value: UInt64) -> UInt64 { value * 1024 }

@Suite struct MemInfoTests {
    @Test func missingFields() throws {
        let info = try Fixture.root("meminfo-missing-fields").memInfo()
        #expect(info.issues == [])
        #expect(info["MemAvailable"] == nil)
        let expected: [String: UInt64] = [
            "MemTotal": kB(2048000), "MemFree": kB(512000), "Buffers": kB(10240),
            "Cached": kB(204800), "SwapCached": 0, "SwapTotal": 0, "SwapFree": 0,
            "HugePages_Total": 0, "HugePages_Free": 0, "Hugepagesize": kB(2048),
        ]
        #expect(info.values == expected)
    }

    @Test func extraUnknownField() throws {
        let info = try Fixture.root("meminfo-extra-unknown-field").memInfo()
        #expect(info.issues == [])
        #expect(info["FutureCounter"] == 77 * 1024)
        #expect(info["FuturePlainCount"] == 12)  // no unit: stored as printed
        #expect(info["Unaccepted"] == 0)
        #expect(info["HugePages_Total"] == 4)
        #expect(info["MemAvailable"] == 3072000 * 1024)
        #expect(info.values.count == 8)
    }

    @Test func keysWithParentheses() {
        let info = MemInfo.parse(b("Active(anon):     1234 kB\nInactive(file):  5 kB"))
        #expect(info.values == ["Active(anon)": 1234 * 1024, "Inactive(file)": 5 * 1024])
    }

    static let malformed: [(Input, [ParseIssue], [String: UInt64])] = [
        (Input("empty", ""), [], [:]),
        (Input("blank lines", "\n  \n"), [], [:]),
        (Input("no colon", "MemTotal 123 kB\n"), [ParseIssue(line: 1, message: "no 'Key:' prefix; skipped")], [:]),
        (Input("empty key", ": 5 kB\n"), [ParseIssue(line: 1, message: "no 'Key:' prefix; skipped")], [:]),
        (Input("no value", "MemTotal:\nMemFree: 1 kB\n"),
         [ParseIssue(line: 1, message: "MemTotal has no value; skipped")], ["MemFree": 1024]),
        (Input("non-numeric", "MemTotal: lots kB\n"),
         [ParseIssue(line: 1, message: "MemTotal value 'lots' is not an unsigned integer; skipped")], [:]),
        (Input("unknown unit", "MemTotal: 5 MB\n"),
         [ParseIssue(line: 1, message: "MemTotal has unknown unit 'MB'; skipped")], [:]),
        (Input("overflow", "MemTotal: 99999999999999999999999 kB\n"),
         [ParseIssue(line: 1, message: "MemTotal value '99999999999999999999999' is too large for an unsigned integer; skipped")], [:]),
        (Input("overflow after ×1024", "MemTotal: 18446744073709551615 kB\n"),
         [ParseIssue(line: 1, message: "MemTotal value in bytes is too large for an unsigned integer; skipped")], [:]),
        (Input("truncated", "MemTotal: 1 kB\nMemFr"),
         [ParseIssue(line: 2, message: "no 'Key:' prefix; skipped")], ["MemTotal": 1024]),
        (Input("truncated after colon", "MemTotal: 1 kB\nMemFree: 2"), [], ["MemTotal": 1024, "MemFree": 2]),
        (Input("NUL in value", [0x41, 0x3A, 0x20, 0x31, 0x00, 0x0A]),
         [ParseIssue(line: 1, message: "A value '1\u{0}' is not an unsigned integer; skipped")], [:]),
        (Input("invalid UTF-8 key", [0xC3, 0x28, 0x3A, 0x20, 0x37, 0x0A]), [], ["\u{FFFD}(": 7]),
    ]

    @Test(arguments: malformed)
    func malformedInput(input: Input, issues: [ParseIssue], values: [String: UInt64]) {
        let info = MemInfo.parse(input.bytes)
        #expect(info.issues == issues)
        #expect(info.values == values)
    }
}

@Suite struct VMStatTests {
    @Test func parsesPairs() {
        let vm = VMStat.parse(b("nr_free_pages 1630258\npgfault 99\n\nnuma_hit 18446744073709551615"))
        #expect(vm.issues == [])
        #expect(vm.values == ["nr_free_pages": 1630258, "pgfault": 99, "numa_hit": .max])
    }

    static let malformed: [(Input, [ParseIssue], [String: UInt64])] = [
        (Input("empty", ""), [], [:]),
        (Input("key only", "pgfault\n"), [ParseIssue(line: 1, message: "pgfault has no value; skipped")], [:]),
        (Input("garbage value", "pgfault many\nok 1\n"),
         [ParseIssue(line: 1, message: "pgfault value 'many' is not an unsigned integer; skipped")], ["ok": 1]),
        (Input("overflow", "x 99999999999999999999999\n"),
         [ParseIssue(line: 1, message: "x value '99999999999999999999999' is too large for an unsigned integer; skipped")], [:]),
        (Input("negative", "x -1\n"), [ParseIssue(line: 1, message: "x value '-1' is not an unsigned integer; skipped")], [:]),
        (Input("invalid UTF-8 key", [0xFF, 0x20, 0x31]), [], ["\u{FFFD}": 1]),
    ]

    @Test(arguments: malformed)
    func malformedInput(input: Input, issues: [ParseIssue], values: [String: UInt64]) {
        let vm = VMStat.parse(input.bytes)
        #expect(vm.issues == issues)
        #expect(vm.values == values)
    }
}
