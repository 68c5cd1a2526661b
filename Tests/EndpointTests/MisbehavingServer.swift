import Foundation
import Hummingbird
import TestSupport

/// A real HTTP server on 127.0.0.1 with one route per misbehaviour an endpoint can show.
/// This file imports Hummingbird but not Curl: both export HTTPRequest and HTTPResponse.
enum MisbehavingServer {
    private static let started = Task { try await start() }

    static func url(_ path: String) async throws -> String {
        "http://127.0.0.1:\(try await started.value)\(path)"
    }

    static let json = #"{"stats":{"requests":1234,"errors":5,"ok":true,"down":false,"version":"42","ratio":0.25},"queues":{"mail":{"depth":3},"jobs":{"depth":7}},"items":[{"size":10},{"size":20}],"name":"web"}"#

    static let exposition = """
        # HELP http_requests_total Requests.
        # TYPE http_requests_total counter
        http_requests_total{method="get",code="200"} 1027
        http_requests_total{method="get",code="500"} 3
        http_requests_total{method="post",code="200"} 12
        # TYPE queue_depth gauge
        queue_depth 4.5
        this is not a metric line
        # TYPE latency_seconds histogram
        latency_seconds_bucket{le="0.1"} 5
        latency_seconds_bucket{le="+Inf"} 9
        latency_seconds_sum 1.75
        latency_seconds_count 9
        weird{label="unterminated} 1

        """

    private static func text(_ body: String, _ status: HTTPResponse.Status = .ok, type: String = "text/plain") -> Response {
        Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    private static func start() async throws -> Int {
        let router = Router()
        router.get("health") { _, _ in text("ok: all good") }
        router.get("fail") { _, _ in text("boom", .internalServerError) }
        router.get("html") { _, _ in text("<!DOCTYPE html><html><body>hello</body></html>", type: "text/html") }
        router.get("json") { _, _ in text(json, type: "application/json") }
        router.get("json-truncated") { _, _ in text(#"{"stats": {"requests": 12"#, type: "application/json") }
        router.get("json-deep") { _, _ in text(String(repeating: "[", count: 100_000), type: "application/json") }
        router.get("metrics") { _, _ in text(exposition) }
        router.get("metrics-duplicates") { _, _ in text("a_total 1\na_total 2\nb 3\n") }
        router.get("metrics-many") { _, _ in
            text((0..<100_000).map { "series_\($0){shard=\"\($0 % 7)\"} \($0)" }.joined(separator: "\n") + "\n")
        }
        router.get("loop") { _, _ in Response.redirect(to: "/loop", type: .found) }
        router.get("to-file") { _, _ in Response.redirect(to: "file:///etc/passwd", type: .found) }
        router.get("silent") { _, _ -> Response in
            try await Task.sleep(for: .seconds(30))
            return text("too late")
        }
        router.get("trickle") { _, _ in
            Response(status: .ok, body: ResponseBody { writer in
                for _ in 0..<100 {
                    try await writer.write(ByteBuffer(string: "x"))
                    try await Task.sleep(for: .milliseconds(200))
                }
                try await writer.finish(nil)
            })
        }
        router.get("huge") { _, _ in
            // 50 MB, streamed: the client must stop at its cap without holding it all.
            Response(status: .ok, body: ResponseBody { writer in
                let chunk = ByteBuffer(repeating: UInt8(ascii: "7"), count: 1 << 16)
                for _ in 0..<800 { try await writer.write(chunk) }
                try await writer.finish(nil)
            })
        }
        router.get("secret") { request, _ in
            let authorization = request.headers[.authorization] ?? ""
            return authorization == "Bearer s3cret" ? text("ok") : text("denied", .unauthorized)
        }

        return try await LocalServer.start(router)
    }
}
