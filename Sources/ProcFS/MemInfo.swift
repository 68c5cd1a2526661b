/// Memory usage from /proc/meminfo (proc(5), "/proc/meminfo").
///
/// Lines are `Key:   value [kB]`. Values with a `kB` unit (really KiB) are stored in
/// bytes; unit-less counts such as `HugePages_Total:` are stored as printed. The set
/// of keys varies with kernel version and config, hence a dictionary.
public struct MemInfo: Sendable, Equatable {
    /// Key (without ':') → value in bytes, or the plain count for unit-less lines.
    public var values: [String: UInt64]
    public var issues: [ParseIssue]

    public init(values: [String: UInt64] = [:], issues: [ParseIssue] = []) {
        self.values = values
        self.issues = issues
    }

    public subscript(key: String) -> UInt64? { values[key] }

    public static func parse(_ bytes: [UInt8]) -> MemInfo {
        bytes.withUnsafeBufferPointer(parse)
    }

    private static func parse(_ buffer: Bytes) -> MemInfo {
        // meminfo lines are ~28 bytes; reserving avoids rehashing while inserting.
        var info = MemInfo(values: Dictionary(minimumCapacity: buffer.count / 24))
        var lines = LineReader(buffer)
        while var line = lines.next() {
            if line.isAtEnd { continue }
            guard let key = line.field(before: 0x3A), !key.isEmpty else {  // ':'
                info.issues.append(ParseIssue(line: line.number, message: "no 'Key:' prefix; skipped"))
                continue
            }
            let name = line.text(key)
            guard var value = line.nextUInt64(key: name, issues: &info.issues) else { continue }
            if let unit = line.nextField() {
                guard line.matches(unit, "kB") else {
                    info.issues.append(ParseIssue(line: line.number, message: "\(name) has unknown unit \(line.quoted(unit)); skipped"))
                    continue
                }
                let (bytes, overflow) = value.multipliedReportingOverflow(by: 1024)
                guard !overflow else {
                    info.issues.append(ParseIssue(line: line.number, message: "\(name) value in bytes is too large for an unsigned integer; skipped"))
                    continue
                }
                value = bytes
            }
            info.values[name] = value
        }
        return info
    }
}
