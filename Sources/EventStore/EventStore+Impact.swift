import GRDB

/// Stored deploy impact verdicts. The store keeps them as opaque JSON text (the verdict's type
/// lives in DeployImpact), keyed by event; a verdict is written when the deploy is judged and
/// stands, except a provisional one (the daemon's `noData`), which a later judgement replaces.
extension EventStore {
    /// Stores the verdict on `eventID`. A stored verdict stands (the call is ignored) unless it
    /// is `provisional`: then this one replaces it, with its result and time. Returns whether
    /// anything was written.
    @discardableResult
    public func saveImpact(eventID: Int64, verdict: String, json: String, judged: Int, replacing provisional: [String] = []) throws(EventError) -> Bool {
        try Self.guarded(path) {
            try pool.write { db in
                // `IN ()` is not SQL: with nothing replaceable the condition is plain false.
                let replaceable = provisional.isEmpty ? "0" : "event_impact.verdict IN (\(provisional.map { _ in "?" }.joined(separator: ",")))"
                try db.execute(sql: """
                    INSERT INTO event_impact (event_id, verdict, result, judged) VALUES (?, ?, ?, ?)
                    ON CONFLICT (event_id) DO UPDATE SET verdict = excluded.verdict, result = excluded.result, judged = excluded.judged
                    WHERE \(replaceable)
                    """, arguments: StatementArguments([eventID, verdict, json, judged] as [any DatabaseValueConvertible]) + StatementArguments(provisional))
                return db.changesCount > 0
            }
        }
    }

    /// The stored verdicts (JSON text) of these events, by event id; events not judged are absent.
    public func impacts(of ids: [Int64]) throws(EventError) -> [Int64: String] {
        try rows(of: ids, columns: "result") { row in row["result"] }
    }

    /// The stored verdict names and judgement times of these events, by event id: what the
    /// daemon needs to tell a final verdict from a provisional one.
    public func verdicts(of ids: [Int64]) throws(EventError) -> [Int64: StoredVerdict] {
        try rows(of: ids, columns: "verdict, judged") { row in StoredVerdict(verdict: row["verdict"], judged: row["judged"]) }
    }

    private func rows<Value>(of ids: [Int64], columns: String, _ value: (Row) -> Value) throws(EventError) -> [Int64: Value] {
        guard !ids.isEmpty else { return [:] }
        return try Self.guarded(path) {
            try pool.read { db in
                var result: [Int64: Value] = [:]
                for chunk in stride(from: 0, to: ids.count, by: 500) {
                    let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
                    let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
                    let rows = try Row.fetchAll(db, sql: "SELECT event_id, \(columns) FROM event_impact WHERE event_id IN (\(marks))",
                                                arguments: StatementArguments(part))
                    for row in rows { result[row["event_id"]] = value(row) }
                }
                return result
            }
        }
    }
}

/// A stored verdict's name (e.g. `regression`) and when it was judged (epoch seconds).
public struct StoredVerdict: Sendable, Equatable {
    public var verdict: String
    public var judged: Int

    public init(verdict: String, judged: Int) {
        self.verdict = verdict
        self.judged = judged
    }
}

extension EventStoreQueue {
    public func saveImpact(eventID: Int64, verdict: String, json: String, judged: Int, replacing provisional: [String] = []) async throws(EventError) -> Bool {
        try await run { store throws(EventError) in
            try store.saveImpact(eventID: eventID, verdict: verdict, json: json, judged: judged, replacing: provisional)
        }
    }

    public func impacts(of ids: [Int64]) async throws(EventError) -> [Int64: String] {
        try await run(reading: true) { store throws(EventError) in try store.impacts(of: ids) }
    }

    public func verdicts(of ids: [Int64]) async throws(EventError) -> [Int64: StoredVerdict] {
        try await run(reading: true) { store throws(EventError) in try store.verdicts(of: ids) }
    }
}
