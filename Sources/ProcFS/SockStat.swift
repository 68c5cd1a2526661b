/// Socket usage from /proc/net/sockstat (and /proc/net/sockstat6); see proc(5) and
/// net/ipv4/proc.c. Each line is a prefix then `name value` pairs:
///
///     sockets: used 123
///     TCP: inuse 5 orphan 0 tw 2 alloc 7 mem 1
public struct SockStat: Sendable, Equatable {
    /// Prefix (without ':') → name → value, e.g. `values["TCP"]?["inuse"]`,
    /// `values["sockets"]?["used"]`. `mem` values are in pages.
    public var values: [String: [String: Int64]]
    public var issues: [ParseIssue]

    public init(values: [String: [String: Int64]] = [:], issues: [ParseIssue] = []) {
        self.values = values
        self.issues = issues
    }

    public subscript(group: String, counter: String) -> Int64? { values[group]?[counter] }

    public static func parse(_ bytes: [UInt8]) -> SockStat {
        bytes.withUnsafeBufferPointer(parse)
    }

    private static func parse(_ buffer: Bytes) -> SockStat {
        var stat = SockStat()
        var lines = LineReader(buffer)
        while var line = lines.next() {
            if line.isAtEnd { continue }
            guard let prefix = line.field(before: 0x3A) else {  // ':'
                stat.issues.append(ParseIssue(line: line.number, message: "no 'Group:' prefix; skipped"))
                continue
            }
            let group = line.text(prefix)
            var counters = stat.values[group] ?? [:]
            while let name = line.nextField() {
                guard let value = line.nextField() else {
                    stat.issues.append(ParseIssue(line: line.number, message: "\(group) \(line.text(name)) has no value; skipped"))
                    break
                }
                switch parseInt64(buffer, value) {
                case .success(let number):
                    counters[line.text(name)] = number
                case .failure(let error):
                    stat.issues.append(ParseIssue(
                        line: line.number,
                        message: "\(group) \(line.text(name)) value \(line.quoted(value)) \(error.phrase("a 64-bit integer")); skipped"))
                }
            }
            stat.values[group] = counters
        }
        return stat
    }
}
