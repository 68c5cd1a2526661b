import EventStore
import StatsD

extension DogStatsDEvent {
    /// The event as stored (source `dogstatsd`). The text is `TITLE` or `TITLE: TEXT` with line
    /// breaks as spaces, cut to the store's limit. `#key:value` tags are kept as `key=value`
    /// (first wins); a bare tag `w` becomes `w=true`; `h:`, `t:`, `p:`, `k:` and `s:` become the
    /// tags `host`, `alert_type`, `priority`, `aggregation_key` and `source_type`. Without a
    /// `kind` tag the kind is `deploy`. Tags the store would refuse are dropped, not the event.
    func newEvent(now: Int) -> NewEvent {
        var tags: [String: String] = [:]
        for (key, value) in self.tags where tags.count < EventLimits.maxTags - 5 {
            let value = value.isEmpty ? "true" : value
            if EventLimits.isValidTagKey(key), tags[key] == nil, value.unicodeScalars.count <= EventLimits.maxTagValue { tags[key] = value }
        }
        for (key, value) in [("host", host), ("alert_type", alertType), ("priority", priority), ("aggregation_key", aggregationKey),
                             ("source_type", sourceType)] {
            if let value, !value.isEmpty, value.unicodeScalars.count <= EventLimits.maxTagValue { tags[key] = value }
        }
        if tags[EventLimits.kindTag] == nil { tags[EventLimits.kindTag] = EventLimits.defaultKind }
        let body = text.isEmpty ? title : title + ": " + text
        let folded = String(String.UnicodeScalarView(body.unicodeScalars.map { ["\n", "\r", "\t"].contains($0) ? " " : $0 }))
        let what = folded.unicodeScalars.count <= EventLimits.maxWhat ? folded
            : String(String.UnicodeScalarView(folded.unicodeScalars.prefix(EventLimits.maxWhat - 1))) + "…"
        return NewEvent(start: timestamp ?? now, what: what, tags: tags, source: .dogstatsd)
    }
}
