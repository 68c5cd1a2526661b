import ProcFS
import Testing

@Suite struct NetDevTests {
    static let header = """
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed

        """

    static let lo = NetDevice(name: "lo", rxBytes: 1000, rxPackets: 10, txBytes: 1000, txPackets: 10)

    @Test func extraColumn() throws {
        let netDev = try Fixture.root("netdev-extra-column").netDev()
        #expect(netDev.devices == [
            Self.lo,
            NetDevice(
                name: "eth0", rxBytes: 5000, rxPackets: 50, rxErrs: 1, rxDrop: 2, rxFifo: 3, rxFrame: 4,
                rxCompressed: 5, rxMulticast: 6, txBytes: 6000, txPackets: 60, txErrs: 7, txDrop: 8,
                txFifo: 9, txColls: 10, txCarrier: 11, txCompressed: 12),
        ])
        #expect(netDev.issues == [ParseIssue(line: 4, message: "eth0: has 17 values, expected 16; used the first 16")])
    }

    @Test func missingColumn() throws {
        let netDev = try Fixture.root("netdev-missing-column").netDev()
        #expect(netDev.devices.map(\.name) == ["lo", "eth1"])
        #expect(netDev.device(named: "eth1") == NetDevice(name: "eth1", rxBytes: 7000, rxPackets: 70, txBytes: 8000, txPackets: 80))
        #expect(netDev.issues == [ParseIssue(line: 4, message: "eth0: has 15 values, expected 16; skipped")])
    }

    @Test func hugeCounterWithoutSpace() throws {
        let netDev = try Fixture.root("netdev-huge-counter-no-space").netDev()
        #expect(netDev.issues == [])
        #expect(netDev.devices == [
            Self.lo,
            NetDevice(name: "eth0", rxBytes: 123456789012, rxPackets: 98765432, txBytes: .max, txPackets: 12345678),
            NetDevice(name: "eth1", rxBytes: .max, rxPackets: 1),
        ])
    }

    @Test func interfaceRenamed() throws {
        let before = try Fixture.root("netdev-interface-renamed", "proc0").netDev()
        let after = try Fixture.root("netdev-interface-renamed", "proc1").netDev()
        #expect(before.devices.map(\.name) == ["lo", "eth0"])
        #expect(after.devices.map(\.name) == ["lo", "ens3"])
        #expect(after.device(named: "eth0") == nil)
        #expect(after.device(named: "ens3")?.rxBytes == 500100)
    }

    @Test func withoutHeaderLines() {
        let netDev = NetDev.parse(b("eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16"))
        #expect(netDev.issues == [])
        #expect(netDev.devices.first?.txCompressed == 16)
    }

    static let malformed: [(Input, [ParseIssue], [String])] = [
        (Input("empty", ""), [], []),
        (Input("header only", header), [], []),
        (Input("garbage", "garbage\n"), [ParseIssue(line: 1, message: "no 'interface:' prefix; skipped")], []),
        (Input("empty name", header + "  : 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n"),
         [ParseIssue(line: 3, message: "no 'interface:' prefix; skipped")], []),
        (Input("truncated, no newline", header + "  eth0: 1 2 3"),
         [ParseIssue(line: 3, message: "eth0: has 3 values, expected 16; skipped")], []),
        (Input("non-numeric", header + "  eth0: 1 2 x 4 5 6 7 8 9 10 11 12 13 14 15 16\n  lo: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n"),
         [ParseIssue(line: 3, message: "eth0: field 3 'x' is not an unsigned integer; skipped")], ["lo"]),
        (Input("overflow", header + "  eth0: 99999999999999999999999 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n"),
         [ParseIssue(line: 3, message: "eth0: field 1 '99999999999999999999999' is too large for an unsigned integer; skipped")], []),
        (Input("NUL in name", [0x65, 0x00, 0x3A] + b(" 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n")), [], ["e\u{0}"]),
        (Input("invalid UTF-8 name", [0x65, 0xFF, 0x3A] + b(" 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n")), [], ["e\u{FFFD}"]),
        (Input("second colon is part of the numbers", "eth0:1:2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\n"),
         [ParseIssue(line: 1, message: "eth0: field 1 '1:2' is not an unsigned integer; skipped")], []),
    ]

    @Test(arguments: malformed)
    func malformedInput(input: Input, issues: [ParseIssue], names: [String]) {
        let netDev = NetDev.parse(input.bytes)
        #expect(netDev.issues == issues)
        #expect(netDev.devices.map(\.name) == names)
    }
}
