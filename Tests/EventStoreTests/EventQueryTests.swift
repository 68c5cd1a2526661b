import GRDB
import TestSupport
import Testing
@testable import EventStore

@Suite struct EventQueryTests {
    let directory = TemporaryDirectory()

    @Test func rangeFindsMomentsInsideAndLastingEventsThatOverlap() throws {
        let store = try makeStore(directory)
        let before = try store.record(deploy("before", at: t0 - 100))
        let spanningIn = try store.record(deploy("began before, ends inside", at: t0 - 500, end: t0 + 50))
        let spanningAll = try store.record(deploy("covers the range", at: t0 - 500, end: t0 + 5_000))
        let inside = try store.record(deploy("inside", at: t0 + 100))
        let atEdge = try store.record(deploy("at the end", at: t0 + 1_000))
        let endedBefore = try store.record(deploy("ended before", at: t0 - 500, end: t0 - 1))
        let after = try store.record(deploy("after", at: t0 + 1_001))

        let found = try store.events(from: t0, until: t0 + 1_000)
        #expect(found.map(\.id) == [atEdge.id, inside.id, spanningAll.id, spanningIn.id])
        #expect(!found.contains { [before.id, endedBefore.id, after.id].contains($0.id) })
        #expect(found.allSatisfy { $0.overlaps(from: t0, until: t0 + 1_000) })
    }

    @Test func tagFiltersAreAnded() throws {
        let store = try makeStore(directory)
        let webProd = try store.record(deploy("a", at: t0, tags: ["service": "web", "environment": "prod"]))
        let webStaging = try store.record(deploy("b", at: t0 + 1, tags: ["service": "web", "environment": "staging"]))
        let apiProd = try store.record(deploy("c", at: t0 + 2, tags: ["service": "api", "environment": "prod"]))
        let untagged = try store.record(deploy("d", at: t0 + 3))
        let web = try TagFilter(parsing: "service=web"), prod = try TagFilter(parsing: "environment=prod")

        #expect(try store.events(from: t0, until: t0 + 10, tags: [web]).map(\.id) == [webStaging.id, webProd.id])
        #expect(try store.events(from: t0, until: t0 + 10, tags: [prod]).map(\.id) == [apiProd.id, webProd.id])
        #expect(try store.events(from: t0, until: t0 + 10, tags: [web, prod]).map(\.id) == [webProd.id])
        #expect(try store.events(from: t0, until: t0 + 10, tags: [TagFilter(parsing: "service=Web")]).isEmpty)
        #expect(try store.events(from: t0, until: t0 + 10).map(\.id) == [untagged.id, apiProd.id, webStaging.id, webProd.id])
    }

    @Test func tagValueMayHoldEqualsAndFilterUsesIndex() throws {
        let store = try makeStore(directory)
        let event = try store.record(deploy("a", at: t0, tags: ["flag": "checkout=on"]))
        #expect(try store.events(from: t0, until: t0, tags: [TagFilter(parsing: "flag=checkout=on")]).map(\.id) == [event.id])
        let plan = try store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT event_id FROM event_tag WHERE key = 'a' AND value = 'b'")
                .map { $0["detail"] as String }
        }
        #expect(plan.joined().contains("event_tag_by_value"))
    }

    @Test func limitKeepsTheNewest() throws {
        let store = try makeStore(directory)
        for offset in 0..<30 { try store.record(deploy("v\(offset)", at: t0 + offset)) }
        #expect(try store.events(from: t0, until: t0 + 100, limit: 3).map(\.what) == ["v29", "v28", "v27"])
    }

    @Test func latestIsTheNewestStartedNotAFutureOne() throws {
        let store = try makeStore(directory, now: t0 + 100)
        try store.record(deploy("old web", at: t0, tags: ["service": "web"]))
        let newer = try store.record(deploy("new web", at: t0 + 50, tags: ["service": "web"]))
        try store.record(deploy("api", at: t0 + 60, tags: ["service": "api"]))
        try store.record(deploy("scheduled", at: t0 + 10_000, tags: ["service": "web"]))
        #expect(try store.latest(tags: [TagFilter(parsing: "service=web")]) == newer)
        #expect(try store.latest()?.what == "api")
        #expect(try store.latest(tags: [TagFilter(parsing: "service=db")]) == nil)
    }

    @Test(arguments: [
        (t0 + 1, t0, 10, EventError.badRange(from: t0 + 1, until: t0)),
        (t0, t0 + 1, 0, EventError.badLimit(0)),
        (t0, t0 + 1, 10_001, EventError.badLimit(10_001)),
    ])
    func refusesUnboundedQueries(from: Int, until: Int, limit: Int, error: EventError) throws {
        let store = try makeStore(directory)
        #expect(throws: error) { try store.events(from: from, until: until, limit: limit) }
    }
}

/// The flood: 10,000 events in a minute are all stored, and a query stays bounded.
@Suite struct EventFloodTests {
    let directory = TemporaryDirectory()

    @Test func tenThousandEventsInAMinuteAreKeptAndQueriesStayBounded() async throws {
        let store = try makeStore(directory)
        // 10,000 synced commits take seconds: on a thread of their own, not the shared pool.
        try await MetricsBinary.onOwnThread {
            for index in 0..<10_000 {
                try store.record(deploy("flood \(index)", at: t0 + index * 60 / 10_000, tags: ["service": index % 2 == 0 ? "web" : "api"]))
            }
        }
        let minute = (from: t0, until: t0 + 59)
        #expect(try store.events(from: minute.from, until: minute.until, limit: 10_000).count == 10_000)
        let newest = try store.events(from: minute.from, until: minute.until)
        #expect(newest.count == 1_000 && newest.first?.what == "flood 9999")
        let web = try store.events(from: minute.from, until: minute.until, tags: [TagFilter(parsing: "service=web")], limit: 10_000)
        #expect(web.count == 5_000 && web.allSatisfy { $0.tags["service"] == "web" })
    }
}
