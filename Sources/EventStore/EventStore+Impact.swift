import GRDB

/// Stored deploy impact verdicts. The store keeps them as opaque JSON text (the verdict's type
/// lives in DeployImpact), keyed by event; a verdict is written once, when the deploy is judged.
extension EventStore {
    /// Stores the verdict on `eventID`; a second verdict on the same event is ignored (the
    /// first judgement stands). Returns whether it was stored.
    @discardableResult
    public func saveImpact(eventID: Int64, verdict: String, json: String, judged: Int) throws(EventError) -> Bool {
        try Self.guarded(path) {
            try pool.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO event_impact (event_id, verdict, result, judged) VALUES (?, ?, ?, ?)",
                               arguments: [eventID, verdict, json, judged])
                return db.changesCount > 0
            }
        }
    }

    /// The stored verdicts (JSON text) of these events, by event id; events not judged are absent.
    public func impacts(of ids: [Int64]) throws(EventError) -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        return try Self.guarded(path) {
            try pool.read { db in
                var result: [Int64: String] = [:]
                for chunk in stride(from: 0, to: ids.count, by: 500) {
                    let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
                    let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
                    let rows = try Row.fetchAll(db, sql: "SELECT event_id, result FROM event_impact WHERE event_id IN (\(marks))",
                                                arguments: StatementArguments(part))
                    for row in rows { result[row["event_id"]] = row["result"] }
                }
                return result
            }
        }
    }
}

extension EventStoreQueue {
    public func saveImpact(eventID: Int64, verdict: String, json: String, judged: Int) async throws(EventError) -> Bool {
        try await run { store throws(EventError) in try store.saveImpact(eventID: eventID, verdict: verdict, json: json, judged: judged) }
    }

    public func impacts(of ids: [Int64]) async throws(EventError) -> [Int64: String] {
        try await run(reading: true) { store throws(EventError) in try store.impacts(of: ids) }
    }
}
