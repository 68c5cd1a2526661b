import Curl
import Foundation
import Testing

@Suite struct RenderCacheTests {
    /// Ten screens asking for the same panel at once cost one render; relative ranges within
    /// one step resolve to the same range, so they share it too.
    @Test func tenIdenticalRequestsCauseOneRender() async throws {
        let server = try await ServerFixture()
        let path = "/dashboards/ops/panels/load.png?from=-1h&theme=dark&width=640&height=240"
        let bodies = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<10 { group.addTask { try await server.get(path).body } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(bodies.count == 10)
        #expect(Set(bodies).count == 1, "every screen gets the same image")
        #expect(await server.endpoints.renderCount() <= 2, "one render, two if the step boundary fell between the requests")
        let afterBurst = await server.endpoints.renderCount()

        // Fixed ranges: exactly one more render for a new size, none for a repeat.
        let fixed = "/dashboards/ops/panels/load.png?\(ServerFixture.range)&width=640&height=240"
        for _ in 0..<5 { #expect(try await server.get(fixed).status == 200) }
        #expect(await server.endpoints.renderCount() == afterBurst + 1)
        _ = try await server.get(fixed + "&theme=dark")
        #expect(await server.endpoints.renderCount() == afterBurst + 2, "the theme is part of the key")
        #expect(await server.endpoints.cachedBytes() > 0)
    }

    @Test func tenIdenticalFixedRangeRequestsRenderExactlyOnce() async throws {
        let server = try await ServerFixture()
        let path = "/render?metric=host.load.*&\(ServerFixture.range)"
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<10 { group.addTask { try await server.get(path).status } }
            for try await status in group { #expect(status == 200) }
        }
        #expect(await server.endpoints.renderCount() == 1)
    }
}
