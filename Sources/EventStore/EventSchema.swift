import GRDB

/// The tables of events.sqlite, versioned by `PRAGMA user_version` (the number of steps applied).
///
/// Not GRDB's `DatabaseMigrator`: it reads which migrations ran before it takes the write lock,
/// so two processes opening a new file at once (the daemon and `metrics deploy`) could both run
/// the first step and one would fail. Here reading the version and applying the steps happen in
/// one `BEGIN IMMEDIATE` transaction: the second process waits, then finds nothing to do.
enum EventSchema {
    /// Append only: a released step is never edited, a change is a new step.
    static let steps: [String] = [
        """
        CREATE TABLE event (
            id INTEGER PRIMARY KEY AUTOINCREMENT, -- AUTOINCREMENT: an id is never handed out twice
            start INTEGER NOT NULL,
            "end" INTEGER CHECK ("end" IS NULL OR "end" >= start),
            what TEXT NOT NULL,
            who TEXT,
            link TEXT,
            source TEXT NOT NULL,
            created INTEGER NOT NULL
        );
        CREATE INDEX event_by_start ON event(start);
        -- Events that last: found by their end when they began before a queried range.
        CREATE INDEX event_by_end ON event("end") WHERE "end" IS NOT NULL;
        CREATE TABLE event_tag (
            event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (event_id, key)
        ) WITHOUT ROWID;
        -- A tag filter k=v reads the matching ids straight from this index.
        CREATE INDEX event_tag_by_value ON event_tag(key, value, event_id);
        """,
        // 2: the daemon's deploy impact verdicts, one per event, judged once.
        """
        CREATE TABLE event_impact (
            event_id INTEGER PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
            verdict TEXT NOT NULL,
            result TEXT NOT NULL, -- the verdict with its numbers, as JSON (DeployImpactResult)
            judged INTEGER NOT NULL
        );
        """,
    ]

    static var version: Int { steps.count }

    /// Brings the database up to `version`; refuses a file from a newer metrics.
    static func migrate(_ db: Database, path: String) throws {
        try db.inTransaction(.immediate) {
            let current = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            guard current <= version else { throw EventError.newerSchema(path: path, version: current) }
            for step in steps.dropFirst(current) { try db.execute(sql: step) }
            if current < version { try db.execute(sql: "PRAGMA user_version = \(version)") }
            return .commit
        }
    }
}
