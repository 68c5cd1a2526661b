/// A non-fatal problem found while parsing a /proc file: a line that was skipped or a
/// field that could not be read. Parsers collect these instead of failing, so one odd
/// line never costs the daemon the rest of the file.
public struct ParseIssue: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number in the parsed file.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
