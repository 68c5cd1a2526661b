import Curl
import Foundation
import Testing

/// Bad and hostile parameters are refused with 400 and a message saying what to type; nothing
/// reaches librrd unchecked.
@Suite struct HostileRequestTests {
    @Test(arguments: [
        ("/render?metric=host.load.1&width=100000", "width=\"100000\" is out of bounds: give a whole number from 100 to 4000"),
        ("/render?metric=host.load.1&height=0", "height=\"0\" is out of bounds"),
        ("/render?metric=host.load.1&from=-100y", "is before 1990"),
        ("/render?metric=host.load.1&from=2000-01-01&until=2026-01-01", "longer than the 315619200 seconds allowed"),
        ("/render?metric=host.load.1&from=0&until=4611686018427387904", "from/until"),
        ("/render?metric=host.load.1&from=tomorrow&until=yesterday", "must be before until"),
        ("/render?metric=host.load.1&theme=neon", "use theme=dark or theme=light"),
        ("/render?metric=host.load.1&cf=SUM", "use cf=AVERAGE, MIN, MAX or LAST"),
        ("/render", "give at least one metric=PATTERN"),
        ("/render?metric=x%3ADEF%3Ay%3D%2Fetc%2Fpasswd%3Av%3AAVERAGE", "pattern has the character ':'"),
        ("/render?metric=a%22b", "pattern has the character '\"'"),
        ("/render?metric=50%25s", "pattern has the character '%'"),
        ("/render?metric=a%5Cb", "pattern has the character '\\'"),
        ("/render?metric=%3Cscript%3E", "pattern has the character '<'"),
        ("/render?metric=host.load.1&title=two%0Alines", "title contains a control character"),
        ("/api/v1/series?metric=host.load.1&maxPoints=1000000000", "is out of bounds: give a whole number from 1 to 20000"),
        ("/api/v1/series?metric=host.load.1&from=1990-01-01", "longer than the 315619200 seconds allowed"),
        ("/dashboards/ops/panels/load.png?width=100000", "width=\"100000\" is out of bounds"),
        ("/api/v1/dashboards/ops/panels/load/series?from=now-200y", "is before 1990"),
    ])
    func badParametersAre400WithAHint(path: String, expected: String) async throws {
        let server = try await ServerFixture()
        let response = try await server.get(path)
        #expect(response.status == 400, "\(path): \(response.status) \(server.text(response))")
        #expect(server.text(response).contains(expected), "\(path): \(server.text(response))")
        // Echoed input is never sniffed as HTML by a browser.
        #expect(response.header("X-Content-Type-Options") == "nosniff")
        #expect(response.header("Content-Type")?.hasPrefix(path.hasPrefix("/api/") ? "application/json" : "text/plain") == true)
    }

    @Test func aPatternMatchingMoreThanAGraphHoldsIsRefusedAdHocAndCutInAPanel() async throws {
        let server = try await ServerFixture(dashboard: "panels:\n  - {id: many, type: graph, series: [\"bulk.*\"]}\n")
        // Empty files are enough for the catalog; 60 names pass the 50-series limit.
        for index in 0..<60 {
            try FileManager.default.createDirectory(atPath: server.data + "/bulk", withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: server.data + "/bulk/m\(index).rrd", contents: nil)
        }
        let adHoc = try await server.get("/render?metric=bulk.*")
        #expect(adHoc.status == 400)
        #expect(server.text(adHoc).contains("use a narrower pattern"))
        let board = try await server.json("/api/v1/dashboards/ops")
        let panel = try #require((board["panels"] as? [[String: Any]])?.first)
        #expect((panel["metrics"] as? [String])?.count == 50)
        #expect(panel["truncated"] as? Bool == true)
    }
}
