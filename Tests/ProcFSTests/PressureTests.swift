import ProcFS
import Testing

@Suite struct PressureTests {
    @Test func absent() {
        let root = Fixture.root("pressure-absent")
        for resource in Pressure.Resource.allCases {
            #expect(!root.exists("pressure/\(resource.rawValue)"))
            #expect(throws: ProcReadError.missing(path: root.path + "/pressure/\(resource.rawValue)")) {
                try root.pressure(resource)
            }
        }
    }

    @Test func cpuWithoutFullLine() throws {
        let pressure = try Fixture.root("pressure-cpu-no-full-line").pressure(.cpu)
        #expect(pressure == Pressure(some: PressureLine(avg10: 1.5, avg60: 0.75, avg300: 0.25, totalMicroseconds: 123456)))
        #expect(pressure.full == nil)
    }

    @Test func keysInAnyOrderAndUnknownKeysIgnored() {
        let pressure = Pressure.parse(b("some total=5 avg300=3.00 future=1 avg60=2.00 avg10=1.00"))
        #expect(pressure == Pressure(some: PressureLine(avg10: 1, avg60: 2, avg300: 3, totalMicroseconds: 5)))
    }

    static let malformed: [(Input, Pressure)] = [
        (Input("empty", ""), Pressure()),
        (Input("unknown kind", "most avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"),
         Pressure(issues: [ParseIssue(line: 1, message: "unknown pressure line 'most'; skipped")])),
        (Input("truncated", "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg6"),
         Pressure(some: PressureLine(avg10: 0, avg60: 0, avg300: 0, totalMicroseconds: 0),
                  issues: [ParseIssue(line: 2, message: "full line field 'avg6' is not key=value; skipped")])),
        (Input("missing keys", "some avg10=0.00\n"),
         Pressure(issues: [ParseIssue(line: 1, message: "some line lacks avg60, avg300, total; skipped")])),
        (Input("not key=value", "some avg10 0.5\n"),
         Pressure(issues: [ParseIssue(line: 1, message: "some line field 'avg10' is not key=value; skipped")])),
        (Input("bad average", "some avg10=x avg60=0.00 avg300=0.00 total=0\n"),
         Pressure(issues: [ParseIssue(line: 1, message: "some line avg10 value 'x' is not a decimal number; skipped")])),
        (Input("overflowing total", "some avg10=0.00 avg60=0.00 avg300=0.00 total=99999999999999999999999\n"),
         Pressure(issues: [ParseIssue(
             line: 1, message: "some line total value '99999999999999999999999' is too large for an unsigned integer; skipped")])),
        (Input("NUL", [0x73, 0x6F, 0x6D, 0x65, 0x20, 0x00]),
         Pressure(issues: [ParseIssue(line: 1, message: "some line field '\u{0}' is not key=value; skipped")])),
        (Input("invalid UTF-8", [0xFF, 0x20, 0x61]),
         Pressure(issues: [ParseIssue(line: 1, message: "unknown pressure line '\u{FFFD}'; skipped")])),
    ]

    @Test(arguments: malformed)
    func malformedInput(input: Input, expected: Pressure) {
        #expect(Pressure.parse(input.bytes) == expected)
    }
}
