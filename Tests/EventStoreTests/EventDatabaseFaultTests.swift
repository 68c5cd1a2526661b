import Foundation
import GRDB
import TestSupport
import Testing
@testable import EventStore

/// A corrupt, foreign, newer or locked database: a clear error, and nothing stored is lost.
@Suite struct EventDatabaseFaultTests {
    let directory = TemporaryDirectory()
    var path: String { directory.file(EventStore.fileName) }

    @Test func garbageFileIsUnreadableAndLeftAlone() throws {
        let garbage = Data((0..<8_192).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        _ = FileManager.default.createFile(atPath: path, contents: garbage)
        do {
            _ = try EventStore(path: path)
            Issue.record("a garbage file opened as an events database")
        } catch {
            guard case .unreadable(let reported, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(reported == path)
            #expect(error.description.contains("move it aside"))
        }
        #expect(FileManager.default.contents(atPath: path) == garbage)
    }

    @Test func databaseOfANewerMetricsIsRefusedUntouched() throws {
        let store = try EventStore(path: path)
        let kept = try store.record(deploy("kept", at: t0))
        try store.pool.write { db in try db.execute(sql: "PRAGMA user_version = 99") }
        #expect(throws: EventError.newerSchema(path: path, version: 99)) { try EventStore(path: path) }
        try store.pool.write { db in try db.execute(sql: "PRAGMA user_version = \(EventSchema.version)") }
        #expect(try EventStore(path: path).event(id: kept.id) == kept)
    }

    @Test func writerHeldTooLongIsBusyAndTheStoreStillWorksAfter() throws {
        let store = try EventStore(path: path, busyTimeout: 0.2)
        let kept = try store.record(deploy("kept", at: t0))
        // Another process stands in: a plain connection holding the write lock.
        let holder = try DatabaseQueue(path: path)
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            #expect(throws: EventError.busy(path: path)) { try store.record(deploy("waits", at: t0 + 1)) }
            // Reads do not wait for the writer (WAL).
            #expect(try store.event(id: kept.id) == kept)
            try db.execute(sql: "ROLLBACK")
        }
        #expect(try store.record(deploy("after", at: t0 + 2)).id > kept.id)
    }

    @Test func missingDirectoryIsAStorageErrorNamingThePath() {
        let missing = directory.file("no/such/dir/" + EventStore.fileName)
        do {
            _ = try EventStore(path: missing)
            Issue.record("opened a database in a missing directory")
        } catch {
            #expect(error.description.contains(missing))
        }
    }
}
