/// System uptime from /proc/uptime (proc(5), "/proc/uptime").
///
/// One line: `1609.47 1434.98` — seconds since boot, and the sum of the time each CPU
/// spent idle (so it can exceed the uptime on multi-core machines). Fields that cannot
/// be read stay nil and are reported in `issues`.
public struct Uptime: Sendable, Equatable {
    public var seconds: Double?
    public var idleSeconds: Double?
    public var issues: [ParseIssue]

    public init(seconds: Double? = nil, idleSeconds: Double? = nil, issues: [ParseIssue] = []) {
        self.seconds = seconds
        self.idleSeconds = idleSeconds
        self.issues = issues
    }

    public static func parse(_ bytes: [UInt8]) -> Uptime {
        bytes.withUnsafeBufferPointer(parse)
    }

    private static func parse(_ buffer: Bytes) -> Uptime {
        var uptime = Uptime()
        var lines = LineReader(buffer)
        guard var line = lines.next() else {
            uptime.issues.append(ParseIssue(line: 1, message: "empty file; expected 2 fields"))
            return uptime
        }
        var count = 0
        for i in 0..<2 {
            guard let field = line.nextField() else { break }
            count += 1
            switch parseDecimal(line.buffer, field) {
            case .success(let value):
                if i == 0 { uptime.seconds = value } else { uptime.idleSeconds = value }
            case .failure:
                let name = i == 0 ? "uptime" : "idle time"
                uptime.issues.append(ParseIssue(line: line.number, message: "\(name) \(line.quoted(field)) is not a decimal number"))
            }
        }
        if count < 2 {
            uptime.issues.append(ParseIssue(line: line.number, message: "has \(count) fields, expected 2"))
        }
        return uptime
    }
}
