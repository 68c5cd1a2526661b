import Curl
import Testing

@Suite struct ReadTokenTests {
    static let paths = ["/api/v1/dashboards", "/api/v1/dashboards/ops", "/dashboards/ops/panels/load.png", "/render?metric=host.load.1",
                        "/api/v1/series?metric=host.load.1", "/api/v1/metrics", "/api/v1/dashboards/ops/panels/load/series"]

    @Test func everyReadEndpointNeedsTheTokenInAHeaderOrTheQuery() async throws {
        let server = try await ServerFixture(token: "s3cret-token")
        for path in Self.paths {
            let bare = try await server.get(path)
            #expect(bare.status == 401, "\(path)")
            #expect(bare.header("WWW-Authenticate") == "Bearer")
            #expect(server.text(bare).contains("Authorization: Bearer TOKEN"))
            #expect(try await server.get(path, headers: [HTTPHeader(name: "Authorization", value: "Bearer wrong-token!")]).status == 401)
            #expect(try await server.get(path, headers: [HTTPHeader(name: "Authorization", value: "Bearer s3cret-toke")]).status == 401)
            let separator = path.contains("?") ? "&" : "?"
            #expect(try await server.get(path + separator + "token=nope").status == 401)

            let header = try await server.get(path, headers: [HTTPHeader(name: "Authorization", value: "Bearer s3cret-token")])
            #expect(header.status == 200, "\(path): \(server.text(header))")
            #expect(try await server.get(path + separator + "token=s3cret-token").status == 200, "\(path)")
        }
    }

    @Test func withoutATokenReadsAreOpen() async throws {
        let server = try await ServerFixture()
        for path in Self.paths { #expect(try await server.get(path).status == 200, "\(path)") }
    }
}
