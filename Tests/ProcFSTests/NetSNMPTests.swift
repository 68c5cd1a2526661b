import ProcFS
import Testing

@Suite struct NetSNMPTests {
    @Test func mismatchedColumns() throws {
        let snmp = try Fixture.root("snmp-mismatched-columns").netSNMP()
        #expect(snmp.values == [
            "Ip": ["Forwarding": 2, "DefaultTTL": 64, "InReceives": 31859],
            "Tcp": ["RtoAlgorithm": 1, "RtoMin": 200, "RtoMax": 120000, "MaxConn": -1, "ActiveOpens": 102],
            "Udp": ["InDatagrams": 10, "NoPorts": 2, "InErrors": 1],
        ])
        #expect(snmp.issues == [
            ParseIssue(line: 4, message: "Tcp has 5 names but 6 values; kept the first 5"),
            ParseIssue(line: 6, message: "Udp has 4 names but 3 values; kept the first 3"),
        ])
    }

    static let malformed: [(Input, [ParseIssue], [String: [String: Int64]])] = [
        (Input("empty", ""), [], [:]),
        (Input("header without values", "Tcp: A B\n"), [ParseIssue(line: 1, message: "Tcp header has no values line; skipped")], [:]),
        (Input("header followed by another group", "Tcp: A B\nUdp: C\nUdp: 3\n"),
         [ParseIssue(line: 1, message: "Tcp header has no values line; skipped")], ["Udp": ["C": 3]]),
        (Input("no prefix", "garbage\n"), [ParseIssue(line: 1, message: "no 'Group:' prefix; skipped")], [:]),
        (Input("non-numeric value", "Tcp: A B\nTcp: 1 x\n"),
         [ParseIssue(line: 2, message: "Tcp B value 'x' is not a 64-bit integer; skipped")], ["Tcp": ["A": 1]]),
        (Input("overflow", "Tcp: A B\nTcp: 9223372036854775808 -9223372036854775808\n"),
         [ParseIssue(line: 2, message: "Tcp A value '9223372036854775808' is too large for a 64-bit integer; skipped")],
         ["Tcp": ["B": .min]]),
        (Input("truncated values line", "Tcp: A B C\nTcp: 1"),
         [ParseIssue(line: 2, message: "Tcp has 3 names but 1 values; kept the first 1")], ["Tcp": ["A": 1]]),
        (Input("NUL and invalid UTF-8 names", [0x54, 0x3A, 0x20, 0x00, 0x20, 0xFF, 0x0A, 0x54, 0x3A, 0x20, 0x31, 0x20, 0x32]),
         [], ["T": ["\u{0}": 1, "\u{FFFD}": 2]]),
        (Input("two pairs for one group merge", "A: x\nA: 1\nA: y\nA: 2\n"), [], ["A": ["x": 1, "y": 2]]),
    ]

    @Test(arguments: malformed)
    func malformedInput(input: Input, issues: [ParseIssue], values: [String: [String: Int64]]) {
        let snmp = NetSNMP.parse(input.bytes)
        #expect(snmp.issues == issues)
        #expect(snmp.values == values)
    }
}

@Suite struct SockStatTests {
    @Test func parsesGroups() {
        let sock = SockStat.parse(b("sockets: used 123\nTCP: inuse 5 orphan 0 tw 2 alloc 7 mem 1\nTCP6: inuse 2"))
        #expect(sock.issues == [])
        #expect(sock["sockets", "used"] == 123)
        #expect(sock["TCP", "tw"] == 2)
        #expect(sock["TCP6", "inuse"] == 2)
    }

    static let malformed: [(Input, [ParseIssue], [String: [String: Int64]])] = [
        (Input("empty", ""), [], [:]),
        (Input("no prefix", "inuse 5\n"), [ParseIssue(line: 1, message: "no 'Group:' prefix; skipped")], [:]),
        (Input("dangling name", "TCP: inuse 5 orphan\n"),
         [ParseIssue(line: 1, message: "TCP orphan has no value; skipped")], ["TCP": ["inuse": 5]]),
        (Input("non-numeric", "TCP: inuse five mem 1\n"),
         [ParseIssue(line: 1, message: "TCP inuse value 'five' is not a 64-bit integer; skipped")], ["TCP": ["mem": 1]]),
        (Input("overflow", "TCP: inuse 99999999999999999999999\n"),
         [ParseIssue(line: 1, message: "TCP inuse value '99999999999999999999999' is too large for a 64-bit integer; skipped")],
         ["TCP": [:]]),
        (Input("negative is fine", "TCP: mem -1"), [], ["TCP": ["mem": -1]]),
        (Input("invalid UTF-8", [0xFF, 0x3A, 0x20, 0x78, 0x20, 0x31]), [], ["\u{FFFD}": ["x": 1]]),
    ]

    @Test(arguments: malformed)
    func malformedInput(input: Input, issues: [ParseIssue], values: [String: [String: Int64]]) {
        let sock = SockStat.parse(input.bytes)
        #expect(sock.issues == issues)
        #expect(sock.values == values)
    }
}
