import MetricStore

/// A Nagios plugin's result (monitoring-plugins guidelines): the exit status is the state, the
/// first line up to `|` the message, and performance data follows `|` on the first line and,
/// after a `|` in a later line, every line from there on.
public enum NagiosOutput {
    public enum State: Int, Sendable, CaseIterable {
        case ok = 0, warning, critical, unknown

        /// Exit statuses outside 0–3 are UNKNOWN: the plugin failed rather than the service.
        public init(exitStatus: Int32) { self = State(rawValue: Int(exitStatus)) ?? .unknown }

        public var label: String {
            switch self {
            case .ok: return "OK"
            case .warning: return "WARNING"
            case .critical: return "CRITICAL"
            case .unknown: return "UNKNOWN"
            }
        }
    }

    public struct Result: Sendable {
        public var state: State
        public var message: String
        public var output = ExecOutput()
    }

    /// `<prefix>.status` (0–3) and, per perfdata item, `<prefix>.<label>` in base units
    /// (see ``NagiosPerfdata``) with `.warn` and `.crit` when those thresholds are plain numbers.
    public static func parse(_ text: String, exitStatus: Int32, prefix: String, time: Int) -> Result {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = lines.first ?? ""
        let bar = first.firstIndex(of: "|")
        var result = Result(state: State(exitStatus: exitStatus), message: String((bar.map { first[..<$0] } ?? first).trimmingSpaces))
        var perfdata: [Substring] = bar.map { [first[first.index(after: $0)...]] } ?? []
        if let later = lines.dropFirst().firstIndex(where: { $0.contains("|") }) {
            let line = lines[later]
            perfdata.append(line[line.index(after: line.firstIndex(of: "|")!)...])
            perfdata.append(contentsOf: lines[(later + 1)...])
        }
        result.output.add("\(prefix).status", .gauge, Double(result.state.rawValue), time: time, min: 0, max: 3, source: "status")
        var labels: [String: String] = [:]
        for part in perfdata {
            for item in NagiosPerfdata.parse(part, issues: &result.output.issues) {
                let segment = MetricName.segment(from: item.label)
                if let other = labels[segment], other != item.label {
                    result.output.issues.append("perfdata labels '\(other)' and '\(item.label)' both become \(prefix).\(segment); the first is kept")
                    continue
                }
                labels[segment] = item.label
                let name = "\(prefix).\(segment)"
                let source = "perfdata '\(item.label)'"
                guard let value = item.value else { continue }
                result.output.add(name, item.kind, value, time: time, unit: item.unit, min: item.min, max: item.max, source: source)
                if let warn = item.warn { result.output.add("\(name).warn", .gauge, warn, time: time, unit: item.unit, source: source) }
                if let crit = item.crit { result.output.add("\(name).crit", .gauge, crit, time: time, unit: item.unit, source: source) }
            }
        }
        return result
    }

    /// `.auto`'s test: exit status 0–3 and a first line with perfdata or a state word at its
    /// start, alone or after one word (`OK - ...`, `CRITICAL: boom`, `LOAD OK - ...`).
    static func looksLikeNagios(firstLine: Substring, exitStatus: Int32) -> Bool {
        guard (0...3).contains(exitStatus) else { return false }
        if firstLine.contains("|") { return true }
        let words = firstLine.split(whereSeparator: { $0 == " " || $0 == "\t" }).prefix(2)
        let stateWords = Set(State.allCases.map(\.label))
        return words.contains { word in
            var bare = word
            while let last = bare.last, ":-,".contains(last) { bare = bare.dropLast() }
            return stateWords.contains(String(bare))
        }
    }
}
