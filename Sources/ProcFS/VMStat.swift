/// Virtual memory counters from /proc/vmstat (proc(5), "/proc/vmstat"): one
/// `name value` pair per line; the set of names varies with kernel version.
public struct VMStat: Sendable, Equatable {
    public var values: [String: UInt64]
    public var issues: [ParseIssue]

    public init(values: [String: UInt64] = [:], issues: [ParseIssue] = []) {
        self.values = values
        self.issues = issues
    }

    public subscript(key: String) -> UInt64? { values[key] }

    public static func parse(_ bytes: [UInt8]) -> VMStat {
        bytes.withUnsafeBufferPointer(parse)
    }

    private static func parse(_ buffer: Bytes) -> VMStat {
        // vmstat lines average ~20 bytes; reserving avoids rehashing ~200 inserts.
        var stat = VMStat(values: Dictionary(minimumCapacity: buffer.count / 16))
        var lines = LineReader(buffer)
        while var line = lines.next() {
            guard let key = line.nextField() else { continue }
            let name = line.text(key)
            guard let value = line.nextUInt64(key: name, issues: &stat.issues) else { continue }
            stat.values[name] = value
        }
        return stat
    }
}
