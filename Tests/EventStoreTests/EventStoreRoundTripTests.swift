import Foundation
import GraphRender
import TestSupport
import Testing
@testable import EventStore

let t0 = 1_764_338_400  // 2025-11-28T14:00:00Z

/// A store on a fresh file in a temporary directory, with a fixed clock.
func makeStore(_ directory: TemporaryDirectory, now: Int = t0 + 3_600) throws -> EventStore {
    try EventStore(path: directory.file(EventStore.fileName), clock: { now })
}

func deploy(_ what: String, at start: Int, end: Int? = nil, tags: [String: String] = [:]) -> NewEvent {
    NewEvent(start: start, end: end, what: what, who: "ana", tags: tags, link: nil, source: .cli)
}

@Suite struct EventStoreRoundTripTests {
    let directory = TemporaryDirectory()

    @Test func recordsAndReadsBackEveryField() throws {
        let store = try makeStore(directory)
        let new = NewEvent(start: t0, end: t0 + 300, what: "web v1.4.2 \"quoted\" 100% : <b>", who: "ci-bot",
                           tags: ["service": "web", "environment": "prod", "kind": "deploy"],
                           link: "https://ci.example.com/pipelines/42?x=1&y=2", source: .api)
        let stored = try store.record(new)
        #expect(stored.id > 0)
        #expect(stored.created == t0 + 3_600)
        #expect(stored == Event(id: stored.id, start: t0, end: t0 + 300, what: new.what, who: "ci-bot", tags: new.tags,
                                link: new.link, source: .api, created: t0 + 3_600))
        // A second store on the same file, as another process would open it, sees the same event.
        let reopened = try makeStore(directory)
        #expect(try reopened.event(id: stored.id) == stored)
        #expect(try reopened.events(from: t0, until: t0 + 10) == [stored])
    }

    @Test func idsAreDistinctAndIncreasing() throws {
        let store = try makeStore(directory)
        let ids = try (0..<5).map { try store.record(deploy("v\($0)", at: t0 + $0)).id }
        #expect(ids == ids.sorted() && Set(ids).count == 5)
    }

    @Test func databaseIsWALWithFullSyncAndVersionedSchema() throws {
        let store = try makeStore(directory)
        let (journal, synchronous, version) = try store.pool.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
             try Int.fetchOne(db, sql: "PRAGMA user_version"))
        }
        #expect(journal == "wal")
        #expect(synchronous == 2)  // FULL
        #expect(version == EventSchema.version)
    }

    @Test func jsonHasEveryKeyEvenWhenAbsent() throws {
        let event = Event(id: 7, start: t0, what: "x", source: .graphite, created: t0)
        let json = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(event)) as? [String: Any])
        #expect(Set(json.keys) == ["id", "start", "end", "what", "who", "tags", "link", "source", "created"])
        #expect(json["end"] is NSNull && json["who"] is NSNull && json["link"] is NSNull)
        #expect(try JSONDecoder().decode(Event.self, from: JSONEncoder().encode(event)) == event)
    }

    @Test(arguments: [
        ([:], nil, TimelineEvent(start: t0, kind: .deploy, label: "v1")),
        (["kind": "rollback"], t0 + 60, TimelineEvent(start: t0, end: t0 + 60, kind: .rollback, label: "v1")),
        (["kind": "Incident"], t0, TimelineEvent(start: t0, kind: .incident, label: "v1")),
        (["kind": "migration"], nil, TimelineEvent(start: t0, kind: .deploy, label: "migration: v1")),
    ] as [([String: String], Int?, TimelineEvent)])
    func convertsToTimelineEvents(tags: [String: String], end: Int?, expected: TimelineEvent) {
        let event = Event(id: 1, start: t0, end: end, what: "v1", tags: tags, source: .cli, created: t0)
        #expect(TimelineEvent(event) == expected)
    }
}
