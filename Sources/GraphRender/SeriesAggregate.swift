import MetricStore

/// Several metrics drawn as one series: their sum, average, maximum or minimum at each point
/// (the total CPU of all hosts, the worst latency of any). Unknown values are left out; a
/// point where every member is unknown is unknown.
public enum SeriesAggregate: String, Sendable, Codable, CaseIterable {
    case sum, avg, max, min

    /// Members one aggregate may combine: a CDEF of a thousand DEFs is still quick to draw.
    public static let maxMembers = 1_000

    /// The rrd_graph RPN combining the variables `names` (at least one). AVG ignores unknowns;
    /// ADDNAN, MAXNAN and MINNAN treat an unknown operand as absent.
    func rpn(_ names: [String]) -> String {
        guard names.count > 1 else { return names[0] }
        switch self {
        case .avg: return names.joined(separator: ",") + ",\(names.count),AVG"
        case .sum, .max, .min:
            let operation = ["sum": "ADDNAN", "max": "MAXNAN", "min": "MINNAN"][rawValue]!
            return names[0] + names.dropFirst().map { ",\($0),\(operation)" }.joined()
        }
    }

    /// The same at one point, over the members' values.
    func combine(_ values: [Double?]) -> Double? {
        let known = values.compactMap { $0 }.filter { !$0.isNaN }
        guard !known.isEmpty else { return nil }
        switch self {
        case .sum: return known.reduce(0, +)
        case .avg: return known.reduce(0, +) / Double(known.count)
        case .max: return known.max()
        case .min: return known.min()
        }
    }

    /// `sum of hosts.*.cpu.total.user (3)`: the legend of an aggregate without one.
    public func legend(pattern: String, members: Int) -> String {
        let word = ["sum": "sum", "avg": "average", "max": "max", "min": "min"][rawValue]!
        return "\(word) of \(pattern) (\(members))"
    }
}
