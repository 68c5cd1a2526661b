/// A resolved time range in epoch seconds, `start < end` when it comes from `TimeSyntax.range`.
public struct TimeRange: Sendable, Equatable {
    public let start: Int
    public let end: Int
    public var seconds: Int { end - start }

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}
