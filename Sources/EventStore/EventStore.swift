import Foundation
import GRDB

/// The events of one data directory, in `events.sqlite`. Several stores, in one process or many
/// (the daemon and `metrics deploy`), may use the same file at once: writes queue behind SQLite's
/// lock for up to `busyTimeout` seconds, reads never wait for writes (WAL).
///
/// Durability: the database is in WAL mode with `synchronous = FULL`, so `record` returns only
/// after the event's commit is fsynced to the write-ahead log. An acknowledged event therefore
/// survives a kill -9 of either process (NORMAL would already give that: the WAL write is in
/// the kernel before the commit returns) and also a power loss or kernel crash, which NORMAL
/// would not: it may lose the last commits before a checkpoint. Events are few (a deploy is a
/// rare, precious fact) so one fsync each costs nothing that matters.
public final class EventStore: Sendable {
    public static let fileName = "events.sqlite"
    public static let defaultBusyTimeout: Double = 5

    public let path: String
    let pool: DatabasePool
    let clock: @Sendable () -> Int

    /// Opens (creating when needed) `events.sqlite` in `dataDirectory`.
    public convenience init(dataDirectory: String, busyTimeout: Double = defaultBusyTimeout) throws(EventError) {
        try self.init(path: dataDirectory + "/" + Self.fileName, busyTimeout: busyTimeout)
    }

    /// Opens (creating when needed) the database at `path`. `clock` gives the `created` time.
    public init(
        path: String, busyTimeout: Double = defaultBusyTimeout,
        clock: @escaping @Sendable () -> Int = { Int(Date().timeIntervalSince1970) }
    ) throws(EventError) {
        self.path = path
        self.clock = clock
        var configuration = Configuration()
        configuration.label = "events"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        pool = try Self.guarded(path) { try DatabasePool(path: path, configuration: configuration) }
        try Self.guarded(path) {
            try pool.writeWithoutTransaction { db in
                // After the pool's own WAL setup, which sets NORMAL.
                try db.execute(sql: "PRAGMA synchronous = FULL")
                try EventSchema.migrate(db, path: path)
            }
        }
    }

    /// Validates and stores the event; returns it with its id once it is durable.
    @discardableResult
    public func record(_ newEvent: NewEvent) throws(EventError) -> Event {
        let event = try newEvent.validated()
        let created = clock()
        return try Self.guarded(path) {
            try pool.writeWithoutTransaction { db in
                var stored: Event?
                // IMMEDIATE takes the write lock up front, so a busy file waits in the busy
                // handler instead of failing at the first write of a deferred transaction.
                try db.inTransaction(.immediate) {
                    try db.execute(
                        sql: """
                            INSERT INTO event (start, "end", what, who, link, source, created)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [event.start, event.end, event.what, event.who, event.link, event.source.rawValue, created])
                    let id = db.lastInsertedRowID
                    for (key, value) in event.tags {
                        try db.execute(sql: "INSERT INTO event_tag (event_id, key, value) VALUES (?, ?, ?)",
                                       arguments: [id, key, value])
                    }
                    stored = Event(id: id, start: event.start, end: event.end, what: event.what, who: event.who,
                                   tags: event.tags, link: event.link, source: event.source, created: created)
                    return .commit
                }
                return stored!
            }
        }
    }

    /// Runs `body`, turning SQLite's failures into `EventError`s that say what to do.
    static func guarded<T>(_ path: String, _ body: () throws -> T) throws(EventError) -> T {
        do {
            return try body()
        } catch let error as EventError {
            throw error
        } catch let error as DatabaseError {
            switch error.resultCode.primaryResultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                throw .busy(path: path)
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                throw .unreadable(path: path, reason: error.message ?? "\(error.resultCode)")
            default:
                throw .storage(path: path, reason: error.message ?? "\(error.resultCode)")
            }
        } catch {
            throw .storage(path: path, reason: "\(error)")
        }
    }
}
