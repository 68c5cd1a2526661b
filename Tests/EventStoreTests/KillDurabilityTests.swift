import Foundation
import GRDB
import TestSupport
import Testing
@testable import EventStore

/// `metrics deploy` is killed with SIGKILL at random moments of its life (start-up, opening and
/// migrating the file, the commit, printing), many times over one file: every event it
/// acknowledged (printed) must be there afterwards, with its text, and the file must stay sound.
@Suite struct KillDurabilityTests {
    let directory = TemporaryDirectory()

    @Test func everyAcknowledgedEventSurvivesKillDashNine() async throws {
        // How long one whole deploy takes on this machine now, so that the kills spread over
        // its life (and some finish) whatever the load.
        // The fastest of three runs: the first, cold one can take many times longer.
        var lifetime = Double.infinity
        var acknowledged: [(id: Int64, what: String)] = []
        for warmUp in 0..<3 {
            let started = Date()
            let run = try await MetricsBinary.run(["deploy", "warm-up \(warmUp)", "--data-dir", directory.path])
            lifetime = max(min(lifetime, Date().timeIntervalSince(started)), 0.01)
            acknowledged += MetricsBinary.acknowledgedIDs(printed: run.out).map { ($0, "warm-up \(warmUp)") }
        }
        // At least 40 rounds, and on until 5 were killed and 5 finished (a busy machine makes
        // run times vary); each finished run refines how long a run takes.
        var killed = 0, finished = 0, round = 0
        while round < 40 || (killed < 5 || finished < 5) && round < 400 {
            round += 1
            let what = "round \(round)"
            let started = Date()
            let result = try await MetricsBinary.runKilled(["deploy", what, "--data-dir", directory.path],
                                                     killAfter: Double.random(in: 0...(1.5 * lifetime)))
            if result.killed {
                killed += 1
            } else {
                finished += 1
                lifetime = max(min(lifetime, Date().timeIntervalSince(started)), 0.01)
            }
            for id in MetricsBinary.acknowledgedIDs(printed: result.out) { acknowledged.append((id, what)) }
        }
        #expect(killed >= 5, "too few deploys were killed to test anything")
        #expect(acknowledged.count >= 5, "too few deploys were acknowledged to test anything")

        let store = try makeStore(directory)
        for (id, what) in acknowledged {
            #expect(try store.event(id: id)?.what == what, "acknowledged event \(id) (\(what)) is missing")
        }
        let integrity = try await store.pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])
        #expect(try store.record(deploy("after the kills", at: t0)).id > acknowledged.map(\.id).max() ?? 0)
    }
}
