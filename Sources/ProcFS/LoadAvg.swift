/// Load averages from /proc/loadavg (proc(5), "/proc/loadavg").
///
/// One line: `0.32 1.49 1.61 2/83 26487` — 1, 5 and 15 minute load averages,
/// runnable/total scheduling entities, and the most recently created PID. Fields that
/// cannot be read stay nil and are reported in `issues`.
public struct LoadAvg: Sendable, Equatable {
    public var one: Double?
    public var five: Double?
    public var fifteen: Double?
    /// Currently runnable scheduling entities (processes and threads).
    public var running: Int?
    /// Scheduling entities that exist on the system.
    public var total: Int?
    public var lastPID: Int?
    public var issues: [ParseIssue]

    public init(
        one: Double? = nil, five: Double? = nil, fifteen: Double? = nil, running: Int? = nil,
        total: Int? = nil, lastPID: Int? = nil, issues: [ParseIssue] = []
    ) {
        self.one = one
        self.five = five
        self.fifteen = fifteen
        self.running = running
        self.total = total
        self.lastPID = lastPID
        self.issues = issues
    }

    public static func parse(_ bytes: [UInt8]) -> LoadAvg {
        bytes.withUnsafeBufferPointer(parse)
    }

    private static func parse(_ buffer: Bytes) -> LoadAvg {
        var load = LoadAvg()
        var lines = LineReader(buffer)
        guard var line = lines.next() else {
            load.issues.append(ParseIssue(line: 1, message: "empty file; expected 5 fields"))
            return load
        }
        var count = 0
        func issue(_ message: String) { load.issues.append(ParseIssue(line: line.number, message: message)) }

        let names = ["1-minute load", "5-minute load", "15-minute load"]
        for i in 0..<3 {
            guard let field = line.nextField() else { break }
            count += 1
            switch parseDecimal(line.buffer, field) {
            case .success(let value):
                switch i {
                case 0: load.one = value
                case 1: load.five = value
                default: load.fifteen = value
                }
            case .failure:
                issue("\(names[i]) \(line.quoted(field)) is not a decimal number")
            }
        }
        if count == 3, let field = line.nextField() {
            count += 1
            // "running/total": split at the '/'.
            var slash = field.lowerBound
            while slash < field.upperBound && line.buffer[slash] != 0x2F { slash += 1 }
            if slash < field.upperBound,
               case .success(let running) = parseUnsigned(line.buffer, field.lowerBound..<slash, as: Int.self),
               case .success(let total) = parseUnsigned(line.buffer, slash + 1..<field.upperBound, as: Int.self) {
                load.running = running
                load.total = total
            } else {
                issue("running/total \(line.quoted(field)) is not two integers separated by '/'")
            }
        }
        if count == 4, let field = line.nextField() {
            count += 1
            switch parseUnsigned(line.buffer, field, as: Int.self) {
            case .success(let pid): load.lastPID = pid
            case .failure(let error): issue("last PID \(line.quoted(field)) \(error.phrase())")
            }
        }
        if count < 5 {
            issue("has \(count) fields, expected 5")
        }
        return load
    }
}
