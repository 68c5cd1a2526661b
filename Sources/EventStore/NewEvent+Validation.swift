import Foundation

extension NewEvent {
    /// The event as it will be stored, or the first thing to fix. An empty `who` or `link`
    /// counts as absent; everything else is kept verbatim (escaping is each sink's job).
    public func validated() throws(EventError) -> NewEvent {
        var event = self
        if event.who?.isEmpty == true { event.who = nil }
        if event.link?.isEmpty == true { event.link = nil }
        try Self.checkText(what, field: "what", max: EventLimits.maxWhat)
        guard what.contains(where: { !$0.isWhitespace }) else { throw .emptyWhat }
        if let who = event.who { try Self.checkText(who, field: "who", max: EventLimits.maxWho) }
        try Self.checkTags(tags)
        if let link = event.link { try Self.checkLink(link) }
        try Self.checkTime(start, field: "start")
        if let end {
            try Self.checkTime(end, field: "end")
            guard end >= start else { throw .endBeforeStart(start: start, end: end) }
        }
        return event
    }

    static func checkText(_ text: String, field: String, max: Int) throws(EventError) {
        let length = text.unicodeScalars.count
        guard length <= max else { throw .tooLong(field: field, length: length, max: max) }
        if let scalar = EventLimits.forbiddenScalar(in: text) {
            throw .forbiddenCharacter(field: field, scalar: scalar.value)
        }
    }

    static func checkTags(_ tags: [String: String]) throws(EventError) {
        guard tags.count <= EventLimits.maxTags else { throw .tooManyTags(count: tags.count) }
        for (key, value) in tags.sorted(by: { $0.key < $1.key }) {
            guard EventLimits.isValidTagKey(key) else { throw .badTagKey(key) }
            guard !value.isEmpty else { throw .emptyTagValue(key: key) }
            try checkText(value, field: "tag '\(key)'", max: EventLimits.maxTagValue)
        }
    }

    /// Only http(s) with a host: `javascript:`, `data:` and `file:` links would run or leak
    /// something where a page shows them.
    static func checkLink(_ link: String) throws(EventError) {
        try checkText(link, field: "link", max: EventLimits.maxLink)
        guard !link.contains(where: \.isWhitespace),
              let components = URLComponents(string: link),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { throw .badLink(link) }
    }

    static func checkTime(_ time: Int, field: String) throws(EventError) {
        guard (EventLimits.earliest...EventLimits.latest).contains(time) else {
            throw .timeOutOfRange(field: field, time: time)
        }
    }
}
