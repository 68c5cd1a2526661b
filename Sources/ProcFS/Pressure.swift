/// One line of a PSI file: the share of wall time in which tasks were stalled.
public struct PressureLine: Sendable, Equatable {
    /// Percent of the last 10, 60 and 300 seconds.
    public var avg10: Double
    public var avg60: Double
    public var avg300: Double
    /// Total stall time since boot, in microseconds.
    public var totalMicroseconds: UInt64

    public init(avg10: Double, avg60: Double, avg300: Double, totalMicroseconds: UInt64) {
        self.avg10 = avg10
        self.avg60 = avg60
        self.avg300 = avg300
        self.totalMicroseconds = totalMicroseconds
    }
}

/// Pressure stall information from /proc/pressure/cpu, /memory or /io (kernel 4.20+,
/// CONFIG_PSI; kernel Documentation/accounting/psi.rst, proc(5) "/proc/pressure"):
///
///     some avg10=0.65 avg60=2.67 avg300=16.79 total=389675967
///     full avg10=0.00 avg60=0.00 avg300=0.00 total=0
///
/// cpu gained a (always zero at system level) `full` line in 5.13; older kernels have
/// only `some` there, so `full` is optional.
public struct Pressure: Sendable, Equatable {
    public var some: PressureLine?
    public var full: PressureLine?
    public var issues: [ParseIssue]

    public init(some: PressureLine? = nil, full: PressureLine? = nil, issues: [ParseIssue] = []) {
        self.some = some
        self.full = full
        self.issues = issues
    }

    /// The files below /proc/pressure.
    public enum Resource: String, Sendable, CaseIterable {
        case cpu, memory, io
    }

    public static func parse(_ bytes: [UInt8]) -> Pressure {
        bytes.withUnsafeBufferPointer(parse)
    }

    private static func parse(_ buffer: Bytes) -> Pressure {
        var pressure = Pressure()
        var lines = LineReader(buffer)
        while var line = lines.next() {
            guard let kind = line.nextField() else { continue }
            let isSome = line.matches(kind, "some")
            guard isSome || line.matches(kind, "full") else {
                pressure.issues.append(ParseIssue(line: line.number, message: "unknown pressure line \(line.quoted(kind)); skipped"))
                continue
            }
            switch parseLine(&line) {
            case .success(let value):
                if isSome { pressure.some = value } else { pressure.full = value }
            case .failure(let problem):
                pressure.issues.append(ParseIssue(line: line.number, message: "\(line.text(kind)) line \(problem.message); skipped"))
            }
        }
        return pressure
    }

    private struct Problem: Error { var message: String }

    /// Reads `key=value` fields in any order; unknown keys are ignored (forward compatible).
    private static func parseLine(_ line: inout Line) -> Result<PressureLine, Problem> {
        var avg10: Double?, avg60: Double?, avg300: Double?
        var total: UInt64?
        while let field = line.nextField() {
            let buffer = line.buffer
            var equals = field.lowerBound
            while equals < field.upperBound && buffer[equals] != 0x3D { equals += 1 }  // '='
            guard equals < field.upperBound else {
                return .failure(Problem(message: "field \(line.quoted(field)) is not key=value"))
            }
            let key = field.lowerBound..<equals
            let value = equals + 1..<field.upperBound
            let isAvg10 = line.matches(key, "avg10"), isAvg60 = line.matches(key, "avg60")
            if isAvg10 || isAvg60 || line.matches(key, "avg300") {
                guard case .success(let number) = parseDecimal(buffer, value) else {
                    return .failure(Problem(message: "\(line.text(key)) value \(line.quoted(value)) is not a decimal number"))
                }
                if isAvg10 { avg10 = number } else if isAvg60 { avg60 = number } else { avg300 = number }
            } else if line.matches(key, "total") {
                switch parseUInt64(buffer, value) {
                case .success(let number): total = number
                case .failure(let error):
                    return .failure(Problem(message: "total value \(line.quoted(value)) \(error.phrase())"))
                }
            }
        }
        guard let avg10, let avg60, let avg300, let total else {
            let missing = [("avg10", avg10 == nil), ("avg60", avg60 == nil), ("avg300", avg300 == nil), ("total", total == nil)]
                .filter(\.1).map(\.0)
            return .failure(Problem(message: "lacks \(missing.joined(separator: ", "))"))
        }
        return .success(PressureLine(avg10: avg10, avg60: avg60, avg300: avg300, totalMicroseconds: total))
    }
}
