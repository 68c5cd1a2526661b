import GRDB

extension EventStore {
    /// Events overlapping `from...until` (a lasting event that began earlier counts), newest
    /// start first, carrying every tag in `tags`; at most `limit` (1 to 10,000) of them.
    public func events(from: Int, until: Int, tags: [TagFilter] = [], limit: Int = 1_000) throws(EventError) -> [Event] {
        guard from <= until else { throw .badRange(from: from, until: until) }
        guard (1...EventLimits.maxQueryLimit).contains(limit) else { throw .badLimit(limit) }
        guard tags.count <= EventLimits.maxTags else { throw .tooManyTags(count: tags.count) }
        // Two index ranges: events starting within the range, and lasting ones that began
        // before it and end within or after it.
        let overlap = #"(start BETWEEN ? AND ? OR ("end" IS NOT NULL AND "end" >= ? AND start < ?))"#
        return try fetch(where: overlap, [from, until, from, from], tags: tags, limit: limit)
    }

    /// The event with the newest start at or before now carrying every tag in `tags`.
    public func latest(tags: [TagFilter] = []) throws(EventError) -> Event? {
        try fetch(where: "start <= ?", [clock()], tags: tags, limit: 1).first
    }

    /// The event with this id, if stored.
    public func event(id: Int64) throws(EventError) -> Event? {
        try fetch(where: "id = ?", [id], tags: [], limit: 1).first
    }

    private func fetch(where condition: String, _ values: [(any DatabaseValueConvertible)?], tags: [TagFilter], limit: Int) throws(EventError) -> [Event] {
        var sql = #"SELECT id, start, "end", what, who, link, source, created FROM event WHERE "# + condition
        var arguments = StatementArguments(values)
        for filter in tags {
            sql += " AND id IN (SELECT event_id FROM event_tag WHERE key = ? AND value = ?)"
            arguments += [filter.key, filter.value]
        }
        sql += " ORDER BY start DESC, id DESC LIMIT ?"
        arguments += [limit]
        return try Self.guarded(path) {
            try pool.read { db in
                let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
                let tagsByID = try Self.tags(of: rows.map { $0["id"] as Int64 }, in: db)
                return try rows.map { row in try event(row, tags: tagsByID[row["id"]] ?? [:]) }
            }
        }
    }

    private func event(_ row: Row, tags: [String: String]) throws -> Event {
        let sourceText: String = row["source"]
        guard let source = EventSource(rawValue: sourceText) else {
            throw EventError.unreadable(path: path, reason: "event \(row["id"] as Int64) has the unknown source '\(preview(sourceText))'")
        }
        return Event(id: row["id"], start: row["start"], end: row["end"], what: row["what"], who: row["who"],
                     tags: tags, link: row["link"], source: source, created: row["created"])
    }

    /// Tags of the given events, read in chunks that stay below SQLite's variable limit.
    private static func tags(of ids: [Int64], in db: Database) throws -> [Int64: [String: String]] {
        var tags: [Int64: [String: String]] = [:]
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try Row.fetchCursor(db, sql: "SELECT event_id, key, value FROM event_tag WHERE event_id IN (\(marks))",
                                           arguments: StatementArguments(chunk))
            while let row = try rows.next() { tags[row["event_id"], default: [:]][row["key"]] = row["value"] }
            start += chunk.count
        }
        return tags
    }
}
