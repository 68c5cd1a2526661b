import Curl
import Foundation
import Hummingbird
import Logging
import MetricStore
import Synchronization
import Testing
import TestSupport
@testable import AgentLink

/// A stand-in central whose answer the test sets, recording the bodies it answered 200 to.
final class FakeCentral: Sendable {
    let status = Mutex(200)
    let delivered = Mutex<[String]>([])
    let attempts = Mutex(0)

    func start() async throws -> Int {
        let router = Router()
        router.post("api/v1/samples") { request, _ -> Response in
            var request = request
            let body = String(buffer: try await request.collectBody(upTo: 1 << 20))
            self.attempts.withLock { $0 += 1 }
            let status = self.status.withLock { $0 }
            if status == 0 { try await Task.sleep(for: .seconds(5)) }  // a central that does not answer in time
            if status == 200 { self.delivered.withLock { $0.append(body) } }
            return Response(status: .init(code: max(status, 200)))
        }
        return try await LocalServer.start(router)
    }
}

@Suite struct CourierTests {
    let directory = TemporaryDirectory()
    let client = HTTPClient()

    func courier(port: Int) throws -> Courier {
        let spool = try Spool(directory: directory.file("buffer"), maxBytes: 1 << 20)
        let uplink = Uplink(url: "http://127.0.0.1:\(port)", token: "t", host: "h", machineID: "m-1", client: client, timeout: .seconds(2))
        return Courier(spool: spool, uplink: uplink, logger: Logger(label: "test"))
    }

    func body(_ n: Int) -> [UInt8] { Array("batch \(n)".utf8) }

    @Test(arguments: [503, 401, 409, 0])
    func refusalsAndSilenceBufferAndTheReplayKeepsTheOrder(status: Int) async throws {
        let central = FakeCentral()
        let courier = try courier(port: try await central.start())
        central.status.withLock { $0 = status }
        #expect(await courier.deliver(body(1), samples: 2))
        #expect(await courier.deliver(body(2), samples: 2))
        // The first batch was tried; the second went to the buffer behind it without a try.
        #expect(central.attempts.withLock { $0 } == 1)
        #expect(await courier.replayNext() == .failed)
        let buffered = await courier.currentStatistics()
        #expect(buffered.bufferedBatches == 2 && buffered.droppedSamples == 0 && buffered.bufferedBytes > 0)

        central.status.withLock { $0 = 200 }
        #expect(await courier.deliver(body(3), samples: 2))  // still behind the buffer
        while await courier.replayNext() == .sent {}
        #expect(await courier.deliver(body(4), samples: 2))  // straight through now
        #expect(central.delivered.withLock { $0 } == ["batch 1", "batch 2", "batch 3", "batch 4"])
        let stats = await courier.currentStatistics()
        #expect(stats.replayedSamples == 6 && stats.sentSamples == 2 && stats.bufferedBytes == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("buffer")).isEmpty)
    }

    @Test func aBatchTheCentralRejectsForGoodIsDroppedAndCounted() async throws {
        let central = FakeCentral()
        let courier = try courier(port: try await central.start())
        central.status.withLock { $0 = 400 }
        #expect(await courier.deliver(body(1), samples: 5))
        let stats = await courier.currentStatistics()
        #expect(stats.rejectedSamples == 5 && stats.bufferedBatches == 0)
    }
}
