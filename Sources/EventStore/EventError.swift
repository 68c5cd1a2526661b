/// Why an event was refused or the store failed; each message says what to do.
public enum EventError: Error, Equatable, Sendable, CustomStringConvertible {
    // The event itself.
    case emptyWhat
    case tooLong(field: String, length: Int, max: Int)
    case forbiddenCharacter(field: String, scalar: UInt32)
    case tooManyTags(count: Int)
    case badTagKey(String)
    case emptyTagValue(key: String)
    case duplicateTag(key: String)
    case badTagFilter(String)
    case badLink(String)
    case timeOutOfRange(field: String, time: Int)
    case endBeforeStart(start: Int, end: Int)
    // A query.
    case badRange(from: Int, until: Int)
    case badLimit(Int)
    // The database.
    case busy(path: String)
    case unreadable(path: String, reason: String)
    case newerSchema(path: String, version: Int)
    case storage(path: String, reason: String)

    public var description: String {
        switch self {
        case .emptyWhat:
            "the event says nothing: give WHAT, e.g. 'web v1.4.2'"
        case .tooLong(let field, let length, let max):
            "\(field) is \(length) characters long; shorten it to at most \(max)"
        case .forbiddenCharacter(let field, let scalar):
            "\(field) holds the control character U+\(hex(scalar)); remove it (newlines, tabs, escapes and direction overrides are refused)"
        case .tooManyTags(let count):
            "the event has \(count) tags; use at most \(EventLimits.maxTags)"
        case .badTagKey(let key):
            "tag key '\(preview(key))' is not 1 to \(EventLimits.maxTagKey) letters, digits, '_', '.' or '-'"
        case .emptyTagValue(let key):
            "tag '\(key)' has no value; write it as \(key)=VALUE"
        case .duplicateTag(let key):
            "tag '\(key)' is given twice; give each key once"
        case .badTagFilter(let text):
            "tag '\(preview(text))' is not KEY=VALUE, e.g. service=web"
        case .badLink(let link):
            "link '\(preview(link))' is not an http:// or https:// URL with a host"
        case .timeOutOfRange(let field, let time):
            "\(field) time \(time) is outside 1990 to 2100; give epoch seconds (not milliseconds) or a date"
        case .endBeforeStart(let start, let end):
            "the end (\(end)) is before the start (\(start)); swap them or leave the end out"
        case .badRange(let from, let until):
            "the range \(from) to \(until) is empty or outside 1990 to 2100"
        case .badLimit(let limit):
            "limit \(limit) is outside 1 to \(EventLimits.maxQueryLimit)"
        case .busy(let path):
            "the events database \(path) stayed locked by another process; try again, or look for a stuck process holding it"
        case .unreadable(let path, let reason):
            "the events database \(path) cannot be read (\(reason)); move it aside and a new one is created, or restore it from a backup"
        case .newerSchema(let path, let version):
            "the events database \(path) has schema version \(version), newer than this metrics knows; upgrade metrics"
        case .storage(let path, let reason):
            "the events database \(path) failed: \(reason)"
        }
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

/// Outside text quoted in a message: cut, and with control characters shown as `?`.
func preview(_ text: String) -> String {
    let cut = text.unicodeScalars.prefix(40).map { scalar in
        EventLimits.isForbidden(scalar) ? "?" : Character(scalar)
    }
    return String(cut) + (text.unicodeScalars.count > 40 ? "…" : "")
}
