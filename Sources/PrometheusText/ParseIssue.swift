/// A line the parser skipped, and why. Parsing never stops at one.
public struct ParseIssue: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number in the input.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
