/// One problem in a dashboard file, located by line and column (1-based, as editors count).
public struct DashboardProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// Dotted path of the key, e.g. `panels[2].series[0].cf`.
    public var key: String
    public var message: String

    public init(file: String, line: Int, column: Int, key: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// `FILE:LINE:COL: key: message`, the form editors and `metrics check` use.
    public var description: String {
        key.isEmpty ? "\(file):\(line):\(column): \(message)" : "\(file):\(line):\(column): \(key): \(message)"
    }
}

/// Dashboard files that cannot be used, with every problem found.
public struct DashboardError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [DashboardProblem]

    public init(problems: [DashboardProblem]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
