import EventStore
import Foundation
import TimeSyntax

/// The JSON bodies that record an event, read into a `NewEvent` (validated by the store).
enum EventBody {
    struct Problem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// `POST /api/v1/events`: `{what, who?, tags?: {k: v}, link?, start?, end?}`; `start` and
    /// `end` are epoch seconds or the time syntax (`-10m`, ISO 8601); `start` defaults to now.
    static func api(_ bytes: [UInt8], now: Int) throws(Problem) -> NewEvent {
        let object = try jsonObject(bytes, shape: "{\"what\": \"web v1.4.2\", \"tags\": {\"service\": \"web\"}}")
        let known: Set<String> = ["what", "who", "tags", "link", "start", "end"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw Problem("unknown field '\(unknown.prefix(40))'; the fields are what, who, tags, link, start, end")
        }
        guard let what = object["what"] as? String else { throw Problem("'what' is missing or not a string; say what happened, e.g. \"web v1.4.2\"") }
        var tags: [String: String] = [:]
        if let raw = object["tags"], !(raw is NSNull) {
            guard let dictionary = raw as? [String: Any] else { throw Problem("'tags' must be an object of strings, e.g. {\"service\": \"web\"}") }
            for (key, value) in dictionary {
                guard let text = value as? String else { throw Problem("tag '\(key.prefix(40))' must be a string") }
                tags[key] = text
            }
        }
        if tags[EventLimits.kindTag] == nil { tags[EventLimits.kindTag] = EventLimits.defaultKind }
        let start = try time(object["start"], field: "start", now: now) ?? now
        let end = try time(object["end"], field: "end", now: now)
        return NewEvent(start: start, end: end, what: what, who: try string(object["who"], "who"), tags: tags,
                        link: try string(object["link"], "link"), source: .api)
    }

    static func jsonObject(_ bytes: [UInt8], shape: String) throws(Problem) -> [String: Any] {
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw Problem("the body is not JSON; send an object like \(shape)")
        }
        guard let object = document as? [String: Any] else { throw Problem("the body must be a JSON object like \(shape)") }
        return object
    }

    static func string(_ value: Any?, _ field: String) throws(Problem) -> String? {
        guard let value, !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw Problem("'\(field)' must be a string") }
        return text
    }

    /// Epoch seconds (a JSON number, fractions floored) or a time-syntax string.
    static func time(_ value: Any?, field: String, now: Int) throws(Problem) -> Int? {
        guard let value, !(value is NSNull) else { return nil }
        if let number = value as? NSNumber, !isBoolean(number) {
            let seconds = number.doubleValue
            guard seconds.isFinite, abs(seconds) < 1e15 else { throw Problem("'\(field)' is not a usable epoch time") }
            return Int(seconds.rounded(.down))
        }
        guard let text = value as? String else { throw Problem("'\(field)' must be epoch seconds or a time like -10m or 2026-11-28T14:00Z") }
        do {
            return try TimeSyntax.time(text, now: now)
        } catch {
            throw Problem("'\(field)': \(error)")
        }
    }

    static func isBoolean(_ number: NSNumber) -> Bool {
        // On Linux `true` decodes to an NSNumber too; only its class name tells it apart.
        String(describing: type(of: number)).contains("Boolean")
    }
}
