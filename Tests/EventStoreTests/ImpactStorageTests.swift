import Foundation
import GRDB
import TestSupport
import Testing
@testable import EventStore

@Suite struct ImpactStorageTests {
    let directory = TemporaryDirectory()

    @Test func aVersionOneFileIsMigratedInPlaceAndKeepsItsEvents() throws {
        let path = directory.path + "/" + EventStore.fileName
        // A file as the first release wrote it: step 1 only, one event.
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            try db.execute(sql: EventSchema.steps[0])
            try db.execute(sql: "PRAGMA user_version = 1")
            try db.execute(sql: "INSERT INTO event (start, what, source, created) VALUES (1700000000, 'web v1', 'cli', 1700000000)")
            try db.execute(sql: "INSERT INTO event_tag (event_id, key, value) VALUES (1, 'service', 'web')")
        }
        try old.close()

        let store = try EventStore(path: path)
        let events = try store.events(from: 1_699_999_000, until: 1_700_001_000)
        #expect(events.map(\.what) == ["web v1"] && events.first?.tags == ["service": "web"])
        let version = try store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
        #expect(version == EventSchema.version && version == 2)
        #expect(try store.saveImpact(eventID: 1, verdict: "regression", json: #"{"verdict":"regression"}"#, judged: 1_700_002_000))
        #expect(try store.impacts(of: [1, 2]) == [1: #"{"verdict":"regression"}"#])
    }

    @Test func theFirstVerdictStands() throws {
        let store = try EventStore(dataDirectory: directory.path)
        let event = try store.record(NewEvent(start: 1_700_000_000, what: "api v2", tags: ["service": "api"], source: .api))
        #expect(try store.saveImpact(eventID: event.id, verdict: "ok", json: "{}", judged: 1))
        #expect(try store.saveImpact(eventID: event.id, verdict: "regression", json: "{\"x\":1}", judged: 2) == false)
        #expect(try store.impacts(of: [event.id]) == [event.id: "{}"])
    }

    /// `noData` is provisional when the daemon says so: a later verdict replaces it (and a later
    /// `noData`, which records the new judgement time); a replaced verdict stands like any other.
    @Test func aProvisionalVerdictIsReplacedAndTheReplacementStands() throws {
        let store = try EventStore(dataDirectory: directory.path)
        let event = try store.record(NewEvent(start: 1_700_000_000, what: "web v3", tags: ["service": "web"], source: .api))
        #expect(try store.saveImpact(eventID: event.id, verdict: "noData", json: "{\"n\":1}", judged: 10, replacing: ["noData"]))
        #expect(try store.verdicts(of: [event.id]) == [event.id: StoredVerdict(verdict: "noData", judged: 10)])
        // Without `replacing`, even a provisional verdict stands.
        #expect(try store.saveImpact(eventID: event.id, verdict: "ok", json: "{}", judged: 15) == false)
        #expect(try store.saveImpact(eventID: event.id, verdict: "noData", json: "{\"n\":2}", judged: 20, replacing: ["noData"]))
        #expect(try store.verdicts(of: [event.id]) == [event.id: StoredVerdict(verdict: "noData", judged: 20)])
        #expect(try store.saveImpact(eventID: event.id, verdict: "regression", json: "{\"r\":1}", judged: 30, replacing: ["noData"]))
        #expect(try store.saveImpact(eventID: event.id, verdict: "ok", json: "{}", judged: 40, replacing: ["noData"]) == false)
        #expect(try store.impacts(of: [event.id]) == [event.id: "{\"r\":1}"])
        #expect(try store.verdicts(of: [event.id, 999]) == [event.id: StoredVerdict(verdict: "regression", judged: 30)])
    }

    @Test func severalVerdictsCanBeProvisional() throws {
        let store = try EventStore(dataDirectory: directory.path)
        let event = try store.record(NewEvent(start: 1_700_000_000, what: "web v4", tags: ["service": "web"], source: .api))
        #expect(try store.saveImpact(eventID: event.id, verdict: "ok", json: "{}", judged: 10))
        #expect(try store.saveImpact(eventID: event.id, verdict: "suspect", json: "{}", judged: 20, replacing: ["noData"]) == false)
        #expect(try store.saveImpact(eventID: event.id, verdict: "suspect", json: "{}", judged: 20, replacing: ["noData", "ok", "suspect"]))
        #expect(try store.saveImpact(eventID: event.id, verdict: "regression", json: "{}", judged: 30, replacing: ["noData", "ok", "suspect"]))
        #expect(try store.saveImpact(eventID: event.id, verdict: "ok", json: "{}", judged: 40, replacing: ["noData", "ok", "suspect"]) == false)
        #expect(try store.verdicts(of: [event.id]) == [event.id: StoredVerdict(verdict: "regression", judged: 30)])
    }
}
