import ProcFS
import Testing

@Suite struct MountsTests {
    @Test func octalEscapes() throws {
        let mounts = try Fixture.root("mounts-octal-escapes").mounts()
        #expect(mounts.issues == [])
        #expect(mounts.entries == [
            MountEntry(device: "/dev/vda", mountPoint: "/", fsType: "ext4", options: "rw,relatime"),
            MountEntry(device: "/dev/sdb1", mountPoint: "/mnt/my disk", fsType: "ext4", options: "rw,relatime"),
            MountEntry(device: "tmpfs", mountPoint: "/mnt/tab\tdir", fsType: "tmpfs", options: "rw,nosuid"),
            MountEntry(device: "/dev/sdc1", mountPoint: "/mnt/back\\slash\nnewline", fsType: "vfat", options: "ro"),
            MountEntry(device: "server:/export share", mountPoint: "/mnt/nfs", fsType: "nfs4", options: "rw,vers=4.2"),
        ])
    }

    static let escapes: [(String, String)] = [
        (#"/a\040b"#, "/a b"),
        (#"\040"#, " "),
        (#"/end\134"#, "/end\\"),
        (#"/x\101y"#, "/xAy"),  // any other \NNN octal is that byte
        (#"/nonoctal\09x"#, #"/nonoctal\09x"#),  // '9' is not octal: kept literally
        (#"/short\04"#, #"/short\04"#),  // too few digits at the end
        (#"/big\777"#, #"/big\777"#),  // above \377: not a byte
        (#"/lone\"#, #"/lone\"#),
        (#"/utf8\303\251"#, "/utf8é"),  // escaped UTF-8 bytes decode as UTF-8
        (#"/bad\377"#, "/bad\u{FFFD}"),  // a lone 0xFF byte becomes U+FFFD
    ]

    @Test(arguments: escapes)
    func decodesEscape(raw: String, decoded: String) {
        let mounts = Mounts.parse(b("dev \(raw) ext4 rw 0 0\n"))
        #expect(mounts.entries.first?.mountPoint == decoded)
    }

    @Test func fourFieldsAreEnough() {
        #expect(Mounts.parse(b("a b c d")).entries == [MountEntry(device: "a", mountPoint: "b", fsType: "c", options: "d")])
    }

    static let malformed: [(Input, [ParseIssue], Int)] = [
        (Input("empty", ""), [], 0),
        (Input("blank", "\n \n"), [], 0),
        (Input("garbage", "garbage\n"), [ParseIssue(line: 1, message: "has fewer than 4 fields; skipped")], 0),
        (Input("truncated", "proc /proc proc rw 0 0\nsysfs /sys"),
         [ParseIssue(line: 2, message: "has fewer than 4 fields; skipped")], 1),
        (Input("NUL bytes", [0x00, 0x20, 0x00, 0x20, 0x00, 0x20, 0x00]), [], 1),
        (Input("invalid UTF-8", [0xFF, 0x20, 0x2F, 0x20, 0x78, 0x20, 0x72, 0x77]), [], 1),
    ]

    @Test(arguments: malformed)
    func malformedInput(input: Input, issues: [ParseIssue], count: Int) {
        let mounts = Mounts.parse(input.bytes)
        #expect(mounts.issues == issues)
        #expect(mounts.entries.count == count)
    }
}
