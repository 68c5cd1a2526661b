/// Protocol counters from /proc/net/snmp (proc(5), "/proc/net/snmp"); the same format
/// serves /proc/net/netstat (TcpExt, IpExt, MPTcpExt).
///
/// Lines come in pairs sharing a prefix, a header then the values:
///
///     Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens ...
///     Tcp: 1 200 120000 -1 102 ...
///
/// Values are signed because some are (`MaxConn -1`).
public struct NetSNMP: Sendable, Equatable {
    /// Prefix (without ':') → counter name → value, e.g. `values["Tcp"]?["ActiveOpens"]`.
    public var values: [String: [String: Int64]]
    public var issues: [ParseIssue]

    public init(values: [String: [String: Int64]] = [:], issues: [ParseIssue] = []) {
        self.values = values
        self.issues = issues
    }

    public subscript(group: String, counter: String) -> Int64? { values[group]?[counter] }

    public static func parse(_ bytes: [UInt8]) -> NetSNMP {
        bytes.withUnsafeBufferPointer(parse)
    }

    private static func parse(_ buffer: Bytes) -> NetSNMP {
        var snmp = NetSNMP()
        var lines = LineReader(buffer)
        // The pending header: its line, prefix and name fields (ranges into `buffer`).
        var header: Line?
        var headerPrefix: Range<Int> = 0..<0
        var names: [Range<Int>] = []
        names.reserveCapacity(128)

        while var line = lines.next() {
            if line.isAtEnd { continue }
            guard let prefix = line.field(before: 0x3A) else {  // ':'
                snmp.issues.append(ParseIssue(line: line.number, message: "no 'Group:' prefix; skipped"))
                continue
            }
            // A values line: same prefix as the pending header.
            if let headerLine = header,
               headerPrefix.count == prefix.count,
               buffer[headerPrefix].elementsEqual(buffer[prefix]) {
                header = nil
                let group = line.text(prefix)
                var counters = snmp.values[group] ?? Dictionary(minimumCapacity: names.count)
                var index = 0
                while let field = line.nextField() {
                    if index < names.count {
                        switch parseInt64(buffer, field) {
                        case .success(let value):
                            counters[headerLine.text(names[index])] = value
                        case .failure(let error):
                            snmp.issues.append(ParseIssue(
                                line: line.number,
                                message: "\(group) \(headerLine.text(names[index])) value \(line.quoted(field)) \(error.phrase("a 64-bit integer")); skipped"))
                        }
                    }
                    index += 1
                }
                if index != names.count {
                    snmp.issues.append(ParseIssue(
                        line: line.number,
                        message: "\(group) has \(names.count) names but \(index) values; kept the first \(min(index, names.count))"))
                }
                snmp.values[group] = counters
                continue
            }
            if let headerLine = header {
                snmp.issues.append(ParseIssue(
                    line: headerLine.number,
                    message: "\(headerLine.text(headerPrefix)) header has no values line; skipped"))
            }
            header = line
            headerPrefix = prefix
            names.removeAll(keepingCapacity: true)
            line.remainingFields(into: &names)
        }
        if let headerLine = header {
            snmp.issues.append(ParseIssue(
                line: headerLine.number,
                message: "\(headerLine.text(headerPrefix)) header has no values line; skipped"))
        }
        return snmp
    }
}
