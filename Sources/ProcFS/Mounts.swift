/// One mounted filesystem, a line of /proc/self/mounts.
public struct MountEntry: Sendable, Equatable {
    /// The mount source, e.g. "/dev/vda1", "tmpfs", "proc".
    public var device: String
    public var mountPoint: String
    public var fsType: String
    /// Comma-separated mount options, e.g. "rw,relatime".
    public var options: String

    public init(device: String, mountPoint: String, fsType: String, options: String) {
        self.device = device
        self.mountPoint = mountPoint
        self.fsType = fsType
        self.options = options
    }
}

/// Mounted filesystems from /proc/self/mounts or /proc/mounts (proc(5), "/proc/mounts";
/// format of fstab(5)): `device mountpoint fstype options dump pass`.
///
/// The kernel escapes space, tab, newline and backslash in these fields as octal
/// `\040`, `\011`, `\012`, `\134`; they are decoded here, as is any other `\NNN`.
public struct Mounts: Sendable, Equatable {
    /// In file order (mount order; later entries can shadow earlier ones).
    public var entries: [MountEntry]
    public var issues: [ParseIssue]

    public init(entries: [MountEntry] = [], issues: [ParseIssue] = []) {
        self.entries = entries
        self.issues = issues
    }

    public static func parse(_ bytes: [UInt8]) -> Mounts {
        bytes.withUnsafeBufferPointer(parse)
    }

    private static func parse(_ buffer: Bytes) -> Mounts {
        var mounts = Mounts()
        var lines = LineReader(buffer)
        while var line = lines.next() {
            guard let device = line.nextField() else { continue }
            guard let mountPoint = line.nextField(), let fsType = line.nextField(), let options = line.nextField() else {
                mounts.issues.append(ParseIssue(line: line.number, message: "has fewer than 4 fields; skipped"))
                continue
            }
            mounts.entries.append(MountEntry(
                device: unescaped(line, device),
                mountPoint: unescaped(line, mountPoint),
                fsType: unescaped(line, fsType),
                options: unescaped(line, options)))
        }
        return mounts
    }

    /// Decodes `\NNN` octal escapes (three digits, value ≤ 0o377); a backslash not
    /// followed by such a sequence is kept literally.
    static func unescaped(_ line: Line, _ range: Range<Int>) -> String {
        let buffer = line.buffer
        var i = range.lowerBound
        while i < range.upperBound && buffer[i] != 0x5C { i += 1 }  // '\\'
        if i == range.upperBound { return line.text(range) }  // common case: nothing to decode

        var decoded: [UInt8] = []
        decoded.reserveCapacity(range.count)
        decoded.append(contentsOf: buffer[range.lowerBound..<i])
        while i < range.upperBound {
            let byte = buffer[i]
            if byte == 0x5C, i + 3 < range.upperBound, let value = octal(buffer, i + 1) {
                decoded.append(value)
                i += 4
            } else {
                decoded.append(byte)
                i += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func octal(_ buffer: Bytes, _ at: Int) -> UInt8? {
        var value: UInt32 = 0
        for i in at..<at + 3 {
            let digit = buffer[i] &- 0x30
            guard digit < 8 else { return nil }
            value = value * 8 + UInt32(digit)
        }
        return value <= 0xFF ? UInt8(value) : nil
    }
}
