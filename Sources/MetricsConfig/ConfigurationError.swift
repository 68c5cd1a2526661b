/// One problem in a configuration file, located by line and column.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    /// Dotted path of the key, e.g. `storage.max_metrics`.
    public var key: String
    public var message: String
    /// The file it is in, when not the main configuration file (a drop-in under endpoint_dir).
    public var file: String?

    public init(line: Int, column: Int, key: String, message: String, file: String? = nil) {
        self.line = line
        self.column = column
        self.key = key
        self.message = message
        self.file = file
    }

    public var description: String {
        key.isEmpty ? "\(line):\(column): \(message)" : "\(line):\(column): \(key): \(message)"
    }
}

/// A configuration that cannot be used, with every problem found.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var problems: [ConfigProblem]

    public var description: String {
        problems.map { "\($0.file ?? file):\($0)" }.joined(separator: "\n")
    }
}
