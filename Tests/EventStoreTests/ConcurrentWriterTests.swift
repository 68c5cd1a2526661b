import Foundation
import TestSupport
import Testing
@testable import EventStore

/// The daemon and `metrics deploy` write the same file at once: no "database is locked".
@Suite struct ConcurrentWriterTests {
    let directory = TemporaryDirectory()

    @Test func twoStoresOnOneFileWriteAtOnce() async throws {
        let stores = try [makeStore(directory), makeStore(directory)]
        let perWriter = 100
        let results = Results()
        try await MetricsBinary.onOwnThread { DispatchQueue.concurrentPerform(iterations: 2) { writer in
            for index in 0..<perWriter {
                do {
                    let event = try stores[writer].record(deploy("writer \(writer) #\(index)", at: t0 + index, tags: ["writer": "\(writer)"]))
                    results.add(id: event.id)
                } catch {
                    results.add(error: "\(error)")
                }
            }
        } }
        #expect(results.errors.isEmpty, "\(results.errors.prefix(3))")
        #expect(Set(results.ids).count == 2 * perWriter)
        for writer in 0..<2 {
            let written = try stores[1 - writer].events(from: t0, until: t0 + perWriter, tags: [TagFilter(key: "writer", value: "\(writer)")])
            #expect(written.count == perWriter)
        }
    }

    @Test func twoCLIProcessesWriteAtOnce() async throws {
        let perWriter = 20
        let outputs = (0..<2).map { directory.file("acks-\($0).txt") }
        let loops = try (0..<2).map { try MetricsBinary.deployLoop(label: "writer \($0)", directory: directory.path, output: outputs[$0], count: perWriter) }
        try await MetricsBinary.onOwnThread { for loop in loops { loop.waitUntilExit() } }
        for (loop, output) in zip(loops, outputs) {
            let errors = (try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? ""
            #expect(loop.terminationStatus == 0 && errors.isEmpty, "\(errors)")
        }
        let ids = outputs.flatMap { MetricsBinary.acknowledgedIDs(inFile: $0) }
        #expect(Set(ids).count == 2 * perWriter)
        let stored = try makeStore(directory).events(from: EventLimits.earliest, until: EventLimits.latest)
        #expect(Set(stored.map(\.id)) == Set(ids))
    }
}

/// Collected from several threads.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var _ids: [Int64] = []
    private var _errors: [String] = []

    func add(id: Int64) { lock.withLock { _ids.append(id) } }
    func add(error: String) { lock.withLock { _errors.append(error) } }
    var ids: [Int64] { lock.withLock { _ids } }
    var errors: [String] { lock.withLock { _errors } }
}
