import ProcFS
import Testing

@Suite struct LoadAvgTests {
    @Test func parsesLine() {
        #expect(LoadAvg.parse(b("0.32 1.49 16.79 2/83 26487\n"))
            == LoadAvg(one: 0.32, five: 1.49, fifteen: 16.79, running: 2, total: 83, lastPID: 26487))
        // Large machines: many digits, no trailing newline.
        #expect(LoadAvg.parse(b("123.45 67.00 0.00 1024/65536 4194304"))
            == LoadAvg(one: 123.45, five: 67, fifteen: 0, running: 1024, total: 65536, lastPID: 4194304))
    }

    @Test func decimalsMatchTheStandardLibrary() {
        // The fast decimal path must give the correctly rounded Double for every 2-decimal value.
        for whole in [0, 1, 9, 10, 99, 1000, 65535] {
            for hundredths in 0..<100 {
                let text = "\(whole).\(hundredths < 10 ? "0" : "")\(hundredths)"
                let load = LoadAvg.parse(b("\(text) \(text) \(text) 1/1 1"))
                #expect(load.one == Double(text), "\(text)")
            }
        }
        #expect(LoadAvg.parse(b("1e2 0.1234567890123456789 .5 1/1 1")).one == 100)
        #expect(LoadAvg.parse(b("1e2 0.1234567890123456789 .5 1/1 1")).five == 0.1234567890123456789)
        #expect(LoadAvg.parse(b("1e2 0.1234567890123456789 .5 1/1 1")).fifteen == 0.5)
    }

    static let malformed: [(Input, LoadAvg)] = [
        (Input("empty", ""), LoadAvg(issues: [ParseIssue(line: 1, message: "empty file; expected 5 fields")])),
        (Input("blank", "\n"), LoadAvg(issues: [ParseIssue(line: 1, message: "has 0 fields, expected 5")])),
        (Input("truncated", "0.32 1.49"),
         LoadAvg(one: 0.32, five: 1.49, issues: [ParseIssue(line: 1, message: "has 2 fields, expected 5")])),
        (Input("garbage average", "x 1.49 1.61 2/83 26487\n"),
         LoadAvg(five: 1.49, fifteen: 1.61, running: 2, total: 83, lastPID: 26487,
                 issues: [ParseIssue(line: 1, message: "1-minute load 'x' is not a decimal number")])),
        (Input("nan and inf rejected", "nan inf 1e999 2/83 1\n"),
         LoadAvg(running: 2, total: 83, lastPID: 1, issues: [
             ParseIssue(line: 1, message: "1-minute load 'nan' is not a decimal number"),
             ParseIssue(line: 1, message: "5-minute load 'inf' is not a decimal number"),
             ParseIssue(line: 1, message: "15-minute load '1e999' is not a decimal number"),
         ])),
        (Input("no slash", "0.1 0.2 0.3 283 26487\n"),
         LoadAvg(one: 0.1, five: 0.2, fifteen: 0.3, lastPID: 26487,
                 issues: [ParseIssue(line: 1, message: "running/total '283' is not two integers separated by '/'")])),
        (Input("overflowing PID", "0.1 0.2 0.3 2/83 99999999999999999999999\n"),
         LoadAvg(one: 0.1, five: 0.2, fifteen: 0.3, running: 2, total: 83,
                 issues: [ParseIssue(line: 1, message: "last PID '99999999999999999999999' is too large for an unsigned integer")])),
        (Input("NUL byte", [0x30, 0x00, 0x20]),
         LoadAvg(issues: [ParseIssue(line: 1, message: "1-minute load '0\u{0}' is not a decimal number"),
                          ParseIssue(line: 1, message: "has 1 fields, expected 5")])),
        (Input("two dots", "1.2.3 0 0 1/1 1"),
         LoadAvg(five: 0, fifteen: 0, running: 1, total: 1, lastPID: 1,
                 issues: [ParseIssue(line: 1, message: "1-minute load '1.2.3' is not a decimal number")])),
    ]

    @Test(arguments: malformed)
    func malformedInput(input: Input, expected: LoadAvg) {
        #expect(LoadAvg.parse(input.bytes) == expected)
    }
}

@Suite struct UptimeTests {
    @Test func parsesLine() {
        #expect(Uptime.parse(b("1609.47 1434.98\n")) == Uptime(seconds: 1609.47, idleSeconds: 1434.98))
        #expect(Uptime.parse(b("31536000.99 63072001.98")) == Uptime(seconds: 31536000.99, idleSeconds: 63072001.98))
    }

    static let malformed: [(Input, Uptime)] = [
        (Input("empty", ""), Uptime(issues: [ParseIssue(line: 1, message: "empty file; expected 2 fields")])),
        (Input("one field", "12.5"), Uptime(seconds: 12.5, issues: [ParseIssue(line: 1, message: "has 1 fields, expected 2")])),
        (Input("garbage", "abc 1.0\n"), Uptime(idleSeconds: 1.0, issues: [ParseIssue(line: 1, message: "uptime 'abc' is not a decimal number")])),
        (Input("invalid UTF-8", [0xFF, 0xFE, 0x20, 0x31]),
         Uptime(idleSeconds: 1, issues: [ParseIssue(line: 1, message: "uptime '\u{FFFD}\u{FFFD}' is not a decimal number")])),
    ]

    @Test(arguments: malformed)
    func malformedInput(input: Input, expected: Uptime) {
        #expect(Uptime.parse(input.bytes) == expected)
    }
}
