import EventStore
import Foundation

/// Graphite's `POST /events/` body, as graphite-web reads it (events/views.py `post_event`):
/// `{"what": ..., "tags": "a b" or ["a", "b"], "data": ..., "when": epoch}`, every field
/// optional there. Deploy scripts written for Graphite work unchanged.
///
/// Mapping (documented in the README):
/// - `what` is the event's text; a non-empty `data` is appended as `what: data`, or becomes the
///   link when it is an http(s) URL (with no `what`, `data` alone is the text).
/// - `tags` is split on spaces and commas (a list's items too). `key=value` and `key:value` become
///   that tag; a bare word that is a kind (`deploy`, `rollback`, `flag`, `config`, `incident`)
///   becomes `kind=<word>`; any other bare word `w` becomes `w=true` (so `tag=web=true` finds it),
///   and words that are not valid tag keys are kept only in `graphite_tags`, which holds the
///   original tag text (cut to the tag value limit). Without a kind, the kind is `deploy`.
/// - `when` is epoch seconds (fractions floored); default now.
enum GraphiteEventBody {
    static let kinds: Set<String> = ["deploy", "rollback", "flag", "config", "incident"]

    static func parse(_ bytes: [UInt8], now: Int) throws(EventBody.Problem) -> NewEvent {
        let object = try EventBody.jsonObject(bytes, shape: "{\"what\": \"deploy web\", \"tags\": \"deploy web\", \"data\": \"v1.4.2\"}")
        let words = try tagWords(object["tags"])
        let what = try EventBody.string(object["what"], "what")?.trimmingCharacters(in: .whitespaces) ?? ""
        var data = try dataText(object["data"])
        var link: String?
        if let text = data, text.hasPrefix("http://") || text.hasPrefix("https://"), !text.contains(" ") {
            link = text
            data = nil
        }
        let text = folded([what, data ?? ""].filter { !$0.isEmpty }.joined(separator: ": "))
        guard !text.isEmpty else { throw EventBody.Problem("the event has neither 'what' nor 'data'; give \"what\": \"deploy web v1.4.2\"") }
        let start = try EventBody.time(object["when"], field: "when", now: now) ?? now
        return NewEvent(start: start, what: text, tags: tags(words), link: link, source: .graphite)
    }

    /// Line breaks and tabs (a changelog in `data`) become spaces, and the text is cut to the
    /// store's limit: Graphite took such bodies, so scripts sending them must keep working.
    static func folded(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var last: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            let folded: Unicode.Scalar = ["\n", "\r", "\t"].contains(scalar) ? " " : scalar
            if folded == " " && last == " " { continue }
            scalars.append(folded)
            last = folded
        }
        let trimmed = String(scalars).trimmingCharacters(in: .whitespaces)
        guard trimmed.unicodeScalars.count > EventLimits.maxWhat else { return trimmed }
        return String(String.UnicodeScalarView(trimmed.unicodeScalars.prefix(EventLimits.maxWhat - 1))) + "…"
    }

    /// graphite-web joins a list with spaces and refuses any other non-string.
    static func tagWords(_ value: Any?) throws(EventBody.Problem) -> [String] {
        guard let value, !(value is NSNull) else { return [] }
        let text: String
        if let string = value as? String {
            text = string
        } else if let list = value as? [Any] {
            text = list.map { "\($0)" }.joined(separator: " ")
        } else {
            throw EventBody.Problem("\"tags\" must be an array or space-separated string")
        }
        return text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
    }

    static func tags(_ words: [String]) -> [String: String] {
        var tags: [String: String] = [:]
        for word in words {
            if let separator = word.firstIndex(where: { $0 == "=" || $0 == ":" }) {
                let key = String(word[..<separator]), value = String(word[word.index(after: separator)...])
                if EventLimits.isValidTagKey(key), !value.isEmpty, tags[key] == nil { tags[key] = value }
            } else if kinds.contains(word.lowercased()) {
                if tags[EventLimits.kindTag] == nil { tags[EventLimits.kindTag] = word.lowercased() }
            } else if EventLimits.isValidTagKey(word), tags[word] == nil {
                tags[word] = "true"
            }
            if tags.count >= EventLimits.maxTags - 2 { break }
        }
        if !words.isEmpty { tags["graphite_tags"] = String(words.joined(separator: " ").unicodeScalars.prefix(EventLimits.maxTagValue)) }
        if tags[EventLimits.kindTag] == nil { tags[EventLimits.kindTag] = EventLimits.defaultKind }
        return tags
    }

    /// `data` is usually a string; numbers and objects (some tools send them) are kept as JSON text.
    static func dataText(_ value: Any?) throws(EventBody.Problem) -> String? {
        guard let value, !(value is NSNull) else { return nil }
        if let text = value as? String { return text.isEmpty ? nil : text }
        guard JSONSerialization.isValidJSONObject([value]),
              let data = try? JSONSerialization.data(withJSONObject: [value]) else { return "\(value)" }
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}
