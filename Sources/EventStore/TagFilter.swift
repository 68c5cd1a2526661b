/// One `key=value` condition on an event's tags; several are AND-ed.
public struct TagFilter: Sendable, Hashable, CustomStringConvertible {
    public var key: String
    public var value: String

    public init(key: String, value: String) throws(EventError) {
        guard EventLimits.isValidTagKey(key) else { throw .badTagKey(key) }
        guard !value.isEmpty else { throw .emptyTagValue(key: key) }
        try NewEvent.checkText(value, field: "tag '\(key)'", max: EventLimits.maxTagValue)
        self.key = key
        self.value = value
    }

    /// Reads `key=value`; the value may itself hold `=`.
    public init(parsing text: String) throws(EventError) {
        guard let equals = text.firstIndex(of: "=") else { throw .badTagFilter(text) }
        try self.init(key: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
    }

    public var description: String { "\(key)=\(value)" }

    /// `key=value` texts (`--tag` options, `tag=` parameters) as a tag dictionary; a key given
    /// twice is refused rather than one value silently winning.
    public static func tags(parsing texts: [String]) throws(EventError) -> [String: String] {
        var tags: [String: String] = [:]
        for text in texts {
            let filter = try TagFilter(parsing: text)
            guard tags[filter.key] == nil else { throw .duplicateTag(key: filter.key) }
            tags[filter.key] = filter.value
        }
        return tags
    }
}
