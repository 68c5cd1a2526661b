import ProcFS
import Testing

@Suite struct DiskStatsTests {
    static func counting(_ major: UInt32, _ minor: UInt32, _ name: String, fields: Int) -> DiskDevice {
        var d = DiskDevice(
            major: major, minor: minor, name: name,
            readsCompleted: 1, readsMerged: 2, sectorsRead: 3, readTimeMs: 4, writesCompleted: 5,
            writesMerged: 6, sectorsWritten: 7, writeTimeMs: 8, ioInProgress: 9, ioTimeMs: 10,
            weightedIoTimeMs: 11)
        if fields >= 18 {
            (d.discardsCompleted, d.discardsMerged, d.sectorsDiscarded, d.discardTimeMs) = (12, 13, 14, 15)
        }
        if fields >= 20 {
            (d.flushesCompleted, d.flushTimeMs) = (16, 17)
        }
        return d
    }

    @Test func fourteenFields() throws {
        let disks = try Fixture.root("diskstats-14-fields").diskStats()
        #expect(disks.issues == [])
        #expect(disks.devices == [
            DiskDevice(
                major: 8, minor: 0, name: "sda", readsCompleted: 11, readsMerged: 12, sectorsRead: 13,
                readTimeMs: 14, writesCompleted: 15, writesMerged: 16, sectorsWritten: 17, writeTimeMs: 18,
                ioInProgress: 19, ioTimeMs: 20, weightedIoTimeMs: 21),
            Self.counting(8, 1, "sda1", fields: 14),
        ])
        #expect(disks.devices[0].discardsCompleted == nil && disks.devices[0].flushesCompleted == nil)
    }

    @Test func eighteenFields() throws {
        let disks = try Fixture.root("diskstats-18-fields").diskStats()
        #expect(disks.issues == [])
        #expect(disks.devices[0].discardsCompleted == 22)
        #expect(disks.devices[0].discardTimeMs == 25)
        #expect(disks.devices[0].flushesCompleted == nil)
        #expect(disks.devices[1] == Self.counting(8, 1, "sda1", fields: 18))
    }

    @Test func twentyFields() throws {
        let disks = try Fixture.root("diskstats-20-fields").diskStats()
        #expect(disks.issues == [])
        #expect(disks.devices.map(\.name) == ["vda", "vda1"])
        #expect(disks.devices[0].sectorsWritten == 15061648)
        #expect(disks.devices[0].flushesCompleted == 17972)
        #expect(disks.devices[0].flushTimeMs == 1047)
        #expect(disks.devices[1] == DiskDevice(
            major: 254, minor: 1, name: "vda1", readsCompleted: 100, sectorsRead: 800, readTimeMs: 10,
            writesCompleted: 50, sectorsWritten: 400, writeTimeMs: 5, ioTimeMs: 20, weightedIoTimeMs: 15,
            discardsCompleted: 0, discardsMerged: 0, sectorsDiscarded: 0, discardTimeMs: 0,
            flushesCompleted: 3, flushTimeMs: 1))
    }

    @Test func moreThanTwentyFields() throws {
        let disks = try Fixture.root("diskstats-more-than-20-fields").diskStats()
        #expect(disks.issues == [])
        #expect(disks.devices == [Self.counting(8, 0, "sda", fields: 20)])
    }

    @Test func nameWithSpace() throws {
        let disks = try Fixture.root("diskstats-name-with-space").diskStats()
        #expect(disks.devices == [
            Self.counting(8, 0, "sda", fields: 20),
            Self.counting(8, 16, "my disk", fields: 20),
            Self.counting(8, 32, "old  style  disk", fields: 14),
        ])
        #expect(disks.issues == [ParseIssue(
            line: 4,
            message: "broken: expected 11, 15, 17 or more numeric fields after the name (14, 18 or 20 in all); skipped")])
    }

    @Test func oddCharacters() throws {
        let disks = try Fixture.root("diskstats-odd-characters").diskStats()
        #expect(disks.issues == [])
        #expect(disks.devices == [
            Self.counting(253, 0, "dm-0", fields: 20),
            Self.counting(259, 1, "nvme0n1p1", fields: 20),
            Self.counting(9, 127, "md127", fields: 20),
            Self.counting(11, 0, "sr0", fields: 20),
            Self.counting(240, 0, "weird@dev", fields: 20),
        ])
    }

    @Test func numericName() {
        // A name that looks like a number is still the third field.
        let disks = DiskStats.parse(b("1 2 1234 1 2 3 4 5 6 7 8 9 10 11\n"))
        #expect(disks.issues == [])
        #expect(disks.devices == [Self.counting(1, 2, "1234", fields: 14)])
    }

    static let malformed: [(Input, [ParseIssue], [String])] = [
        (Input("empty", ""), [], []),
        (Input("blank lines", "\n\n"), [], []),
        (Input("garbage", "garbage\n"), [ParseIssue(line: 1, message: "has fewer than 3 fields; skipped")], []),
        (Input("no name", "8 0\n"), [ParseIssue(line: 1, message: "has no device name; skipped")], []),
        (Input("bad major", "x 0 sda 1 2 3 4 5 6 7 8 9 10 11\n"),
         [ParseIssue(line: 1, message: "major/minor 'x' '0' are not device numbers; skipped")], []),
        (Input("major beyond UInt32", "4294967296 0 sda 1 2 3 4 5 6 7 8 9 10 11\n"),
         [ParseIssue(line: 1, message: "major/minor '4294967296' '0' are not device numbers; skipped")], []),
        (Input("truncated, no newline", "8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n8 1 sda1 1 2 3"),
         [ParseIssue(line: 2, message: "sda1: expected 11, 15, 17 or more numeric fields after the name (14, 18 or 20 in all); skipped")],
         ["sda"]),
        (Input("12 values", "8 0 sda 1 2 3 4 5 6 7 8 9 10 11 12\n"), [], ["sda 1"]),
        (Input("non-numeric tail", "8 0 sda 1 2 3 4 5 6 7 8 9 10 x\n"),
         [ParseIssue(line: 1, message: "sda: expected 11, 15, 17 or more numeric fields after the name (14, 18 or 20 in all); skipped")], []),
        (Input("overflow", "8 0 sda 1 2 3 4 5 6 7 8 9 10 99999999999999999999999\n"),
         [ParseIssue(line: 1, message: "sda: field 11 '99999999999999999999999' is too large for an unsigned integer; skipped")], []),
        (Input("overflow with spaced name", "8 0 my disk 1 2 3 4 5 6 7 8 9 10 99999999999999999999999\n"),
         [ParseIssue(line: 1, message: "my disk: field 11 '99999999999999999999999' is too large for an unsigned integer; skipped")], []),
        (Input("NUL in name", [0x38, 0x20, 0x30, 0x20, 0x73, 0x00, 0x61] + b(" 1 2 3 4 5 6 7 8 9 10 11\n")), [], ["s\u{0}a"]),
        (Input("invalid UTF-8 name", [0x38, 0x20, 0x30, 0x20, 0x73, 0xFF] + b(" 1 2 3 4 5 6 7 8 9 10 11\n")), [], ["s\u{FFFD}"]),
    ]

    @Test(arguments: malformed)
    func malformedInput(input: Input, issues: [ParseIssue], names: [String]) {
        let disks = DiskStats.parse(input.bytes)
        #expect(disks.issues == issues)
        #expect(disks.devices.map(\.name) == names)
    }
}
