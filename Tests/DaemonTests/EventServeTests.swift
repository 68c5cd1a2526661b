import Curl
import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Events through the running daemon: the JSON API and its token, Graphite's `/events/` with
/// the bodies real deploy scripts send, DogStatsD `_e` datagrams over UDP, and events on panel
/// PNGs (the cache invalidated by a new deploy) and in series JSON.
@Suite(.serialized) struct EventServeTests {
    let directory = TemporaryDirectory()
    let client = HTTPClient()
    static let token = "deploy-t0ken"

    static let board = """
        title: Web
        panels:
          - {id: uptime, type: graph, title: Uptime, series: ["metrics.self.uptime"]}
          - {id: quiet, type: graph, series: ["metrics.self.uptime"], events: false}
          - {id: db, type: graph, series: ["metrics.self.uptime"], events: {tag: service=db}}
        """

    func start() async throws -> (DaemonProcess, http: Int, udp: Int) {
        try FileManager.default.createDirectory(atPath: directory.path + "/boards", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory.path + "/boards/web.yaml", contents: Data(Self.board.utf8))
        let text = """
            step: 1s
            http:
              listen: 127.0.0.1:0
              write_token_env: DEPLOY_TOKEN
            dashboards: boards
            retention:
              - {name: fine, pattern: "**", tiers: [1s:1h, 1m:1d]}
            statsd:
              udp: 127.0.0.1:0
              tcp: off
            graphite:
              tcp: off
            """
        FileManager.default.createFile(atPath: directory.file("metrics.yaml"), contents: Data(text.utf8))
        let daemon = try DaemonProcess(["serve", "--config", directory.file("metrics.yaml")], directory: directory.path,
                                       environment: ["DEPLOY_TOKEN": Self.token])
        let http = try await daemon.waitForPort()
        try await daemon.waitFor("statsd udp listening on")
        let line = daemon.log.split(separator: "\n").first { $0.contains("statsd udp listening on") }!
        return (daemon, http, Int(line.split(separator: ":").last!.prefix { $0.isNumber })!)
    }

    func request(_ port: Int, _ path: String, post body: String? = nil, token: String? = Self.token) async throws -> Curl.HTTPResponse {
        var headers = token.map { [HTTPHeader(name: "Authorization", value: "Bearer \($0)")] } ?? []
        if body != nil { headers.append(HTTPHeader(name: "Content-Type", value: "application/json")) }
        return try await client.perform(Curl.HTTPRequest(url: "http://127.0.0.1:\(port)\(path)", method: body == nil ? .get : .post,
                                                         headers: headers, body: body.map { Array($0.utf8) } ?? [], totalTimeout: .seconds(30)))
    }

    func object(_ response: Curl.HTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any], "\(String(decoding: response.body, as: UTF8.self))")
    }

    func events(_ port: Int, _ query: String = "") async throws -> [[String: Any]] {
        let response = try await request(port, "/api/v1/events?from=-1d&until=%2B1d" + query)
        #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
        return try object(response)["events"] as? [[String: Any]] ?? []
    }

    @Test func apiRoundTripTokenAndHostileText() async throws {
        let (daemon, port, _) = try await start()
        let hostile = "<script>alert(1)</script> 100%n done: web:v1 \\\" 'quoted'"
        let body = try String(decoding: JSONSerialization.data(withJSONObject: [
            "what": hostile, "who": "ci", "tags": ["service": "web"], "link": "https://ci.example/1", "start": "-2m", "end": "-1m",
        ]), as: UTF8.self)
        #expect(try await request(port, "/api/v1/events", post: body, token: nil).status == 401)
        #expect(try await request(port, "/api/v1/events", post: body, token: "wrong").status == 401)
        let created = try await request(port, "/api/v1/events", post: body)
        #expect(created.status == 201, "\(String(decoding: created.body, as: UTF8.self))")
        let stored = try object(created)
        #expect(stored["what"] as? String == hostile)
        #expect(stored["source"] as? String == "api")
        #expect((stored["tags"] as? [String: String]) == ["service": "web", "kind": "deploy"])
        #expect((stored["end"] as? Int ?? 0) - (stored["start"] as? Int ?? 0) == 60)

        for (bad, message) in [(#"{"who": "x"}"#, "what"), ("[1]", "object"), (#"{"what": "x", "start": "yesterday-ish"}"#, "start"),
                               (#"{"what": "x", "link": "javascript:alert(1)"}"#, "link"), (#"{"what": "a\nb"}"#, "control"),
                               (#"{"what": "x", "tags": {"bad key": "v"}}"#, "tag key"), (#"{"what": "x", "start": 99999999999}"#, "outside"),
                               ("{\"what\": \"\(String(repeating: "%n<", count: 50_000))\"}", "at most 1000")] {
            let refused = try await request(port, "/api/v1/events", post: bad)
            #expect(refused.status == 400, "\(bad)")
            #expect((try object(refused)["error"] as? String)?.contains(message) == true, "\(bad): \(String(decoding: refused.body, as: UTF8.self))")
        }
        let huge = try await request(port, "/api/v1/events", post: "{\"what\": \"\(String(repeating: "x", count: 300_000))\"}")
        #expect(huge.status == 413)
        let listed = try await events(port, "&tag=service=web")
        #expect(listed.map { $0["what"] as? String } == [hostile])
        #expect(try await events(port, "&tag=service=db").isEmpty)
        #expect(try await request(port, "/api/v1/events?from=garbage").status == 400)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    /// Bodies as graphite-web's docs, gists and Concourse/Python scripts send them.
    @Test func graphiteEventsBodies() async throws {
        let (daemon, port, _) = try await start()
        let when = Int(Date().timeIntervalSince1970) - 30
        let bodies: [(String, String, [String: String])] = [
            (#"{"what": "Deployment", "tags": "production deploy", "data": "deploy of master branch happened at Wed Jul 23 18:44:32 UTC 2014"}"#,
             "Deployment: deploy of master branch happened at Wed Jul 23 18:44:32 UTC 2014",
             ["production": "true", "kind": "deploy", "graphite_tags": "production deploy"]),
            (#"{"what": "Testing graphite events api", "tags": "test,epoch,events", "when": \#(when), "data": "Testing the graphite events api"}"#,
             "Testing graphite events api: Testing the graphite events api",
             ["test": "true", "epoch": "true", "events": "true", "kind": "deploy", "graphite_tags": "test epoch events"]),
            (#"{"what": "deploy", "tags": ["v0.1.2", "service=web", "rollback"], "data": "Graphite needs SSD!"}"#,
             "deploy: Graphite needs SSD!", ["v0.1.2": "true", "service": "web", "kind": "rollback", "graphite_tags": "v0.1.2 service=web rollback"]),
            (#"{"what": "<a href=\"x\">pipeline / job</a>", "tags": "server1", "data": "https://ci.example/builds/7"}"#,
             #"<a href="x">pipeline / job</a>"#, ["server1": "true", "kind": "deploy", "graphite_tags": "server1"]),
            (#"{"what": "release", "data": "line one\nline two"}"#, "release: line one line two", ["kind": "deploy"]),
        ]
        for (body, what, tags) in bodies {
            let response = try await request(port, "/events/", post: body)
            #expect(response.status == 200, "\(body): \(String(decoding: response.body, as: UTF8.self))")
            let stored = try object(response)
            #expect(stored["what"] as? String == what)
            #expect(stored["tags"] as? [String: String] == tags)
            #expect(stored["source"] as? String == "graphite")
        }
        #expect(try await events(port, "&tag=test=true").first?["start"] as? Int == when)
        #expect(try await events(port, "&tag=server1=true").first?["link"] as? String == "https://ci.example/builds/7")
        #expect(try await request(port, "/events/", post: #"{"what": "x", "tags": 5}"#).status == 400)
        #expect(try await request(port, "/events/", post: #"{"tags": "a"}"#).status == 400)
        #expect(try await request(port, "/events/", post: #"{"what": "x"}"#, token: nil).status == 401)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func dogStatsDEventsOverUDP() async throws {
        let (daemon, port, udp) = try await start()
        let good = ["_e{6,8}:deploy|web v1.2|d:\(Int(Date().timeIntervalSince1970) - 5)|h:web-1|p:low|t:success|#service:web,canary",
                    "_e{5,6}:a|b|c|x\\ny|z|k:agg|s:jenkins|c:container-1", "_e{5,4}:plain|ops!"]
        let malformed = [
            "_e{7,8}:deploy|web v1.2",          // title length does not match
            "_e{6,9}:deploy|web v1.2",          // text runs past the line
            "_e{6,8}deploy|web v1.2",           // no ':' after the lengths
            "_e{0,1}:|x",                       // empty title
            "_e{x,1}:a|b",                      // length not a number
            "_e{6,8}:deploy|web v1.2|p:urgent", // unknown priority
            "_e{6,8}:deploy|web v1.2|t:fatal",  // unknown alert type
            "_e{6,8}:deploy|web v1.2||h:x",     // empty section
            "_e{6,8}:deploy|web v1.2|d:soon",   // timestamp not a number
            "_e{6,8}:deploy|web v1.2|d:99999999999", // beyond what the store accepts
            "_e{6,8}:deploy|web v1.2|#,",       // empty tag
            "_e{6,8}:deploy|web v1.2|",         // trailing '|'
        ]
        for line in good + malformed { sendUDP(line, port: udp) }
        var found: [[String: Any]] = []
        for _ in 0..<100 where found.count < 3 {
            try await Task.sleep(for: .milliseconds(100))
            found = try await events(port).filter { $0["source"] as? String == "dogstatsd" }
        }
        let byWhat = Dictionary(found.map { ($0["what"] as? String ?? "", $0) }) { first, _ in first }
        let web = try #require(byWhat["deploy: web v1.2"], "\(found)")
        #expect(web["tags"] as? [String: String] == ["service": "web", "canary": "true", "host": "web-1", "priority": "low",
                                                        "alert_type": "success", "kind": "deploy"])
        let piped = try #require(byWhat["a|b|c: x y|z"], "\(found)")
        #expect(piped["tags"] as? [String: String] == ["aggregation_key": "agg", "source_type": "jenkins", "kind": "deploy"])
        #expect(byWhat["plain: ops!"] != nil && byWhat.count == 3, "\(byWhat.keys)")
        let exposition = String(decoding: try await request(port, "/metrics").body, as: UTF8.self)
        #expect(exposition.contains(#"metrics_statsd_bad_lines_total{reason="bad_event"} 10"#), "\(exposition)")
        #expect(exposition.contains(#"metrics_statsd_bad_lines_total{reason="bad_tags"} 1"#))
        #expect(exposition.contains(#"metrics_statsd_bad_lines_total{reason="bad_timestamp"} 1"#))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func aDeployChangesThePanelPNGAndShowsInSeries() async throws {
        let (daemon, port, _) = try await start()
        try await Task.sleep(for: .seconds(3))
        let now = Int(Date().timeIntervalSince1970)
        let range = "from=\(now - 600)&until=\(now + 60)&width=500&height=200"
        let before = try await request(port, "/dashboards/web/panels/uptime.png?\(range)", token: nil)
        #expect(before.status == 200, "\(String(decoding: before.body, as: UTF8.self))")
        #expect(same(try await request(port, "/dashboards/web/panels/uptime.png?\(range)", token: nil).body, before.body), "same range, same bytes")
        let quietBefore = try await request(port, "/dashboards/web/panels/quiet.png?\(range)", token: nil).body
        let dbBefore = try await request(port, "/dashboards/web/panels/db.png?\(range)", token: nil).body
        let adHocBefore = try await request(port, "/render?metric=metrics.self.uptime&\(range)", token: nil).body

        let body = #"{"what": "web v1.2.3 <b>%s %n</b>: done \\ HRULE:1#FF0000:x", "tags": {"service": "web"}, "start": \#(now - 120)}"#
        #expect(try await request(port, "/api/v1/events", post: body).status == 201)
        let after = try await request(port, "/dashboards/web/panels/uptime.png?\(range)", token: nil)
        #expect(after.status == 200)
        #expect(!same(after.body, before.body), "the new deploy is drawn at once, not after the cached image ages out")
        #expect(!same(try await request(port, "/render?metric=metrics.self.uptime&\(range)", token: nil).body, adHocBefore))
        #expect(same(try await request(port, "/render?metric=metrics.self.uptime&events=false&\(range)", token: nil).body, adHocBefore))
        #expect(same(try await request(port, "/dashboards/web/panels/quiet.png?\(range)", token: nil).body, quietBefore), "events: false")
        #expect(same(try await request(port, "/dashboards/web/panels/db.png?\(range)", token: nil).body, dbBefore), "only service=db events")

        let series = try object(try await request(port, "/api/v1/dashboards/web/panels/uptime/series?\(range)", token: nil))
        let listed = try #require(series["events"] as? [[String: Any]])
        #expect(listed.map { $0["label"] as? String } == ["web v1.2.3 <b>%s %n</b>: done \\ HRULE:1#FF0000:x"])
        #expect(listed.first?["kind"] as? String == "deploy")
        let adHoc = try object(try await request(port, "/api/v1/series?metric=metrics.self.uptime&\(range)", token: nil))
        #expect((adHoc["events"] as? [[String: Any]])?.count == 1)
        let none = try object(try await request(port, "/api/v1/series?metric=metrics.self.uptime&events=false&\(range)", token: nil))
        #expect((none["events"] as? [[String: Any]])?.isEmpty == true)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    @Test func deployAndDeploysThroughTheServer() async throws {
        let (daemon, port, _) = try await start()
        let server = "http://127.0.0.1:\(port)"
        FileManager.default.createFile(atPath: directory.file("token"), contents: Data("\(Self.token)\n".utf8))
        let refused = try await runMetrics(["deploy", "web v9", "--server", server], in: directory.path)
        #expect(refused.status == 1 && refused.err.contains("401"), "\(refused)")
        let recorded = try await runMetrics(["deploy", "web v9", "--tag", "service=web", "--start", "-5m", "--who", "ci",
                                             "--server", server, "--token-file", directory.file("token")], in: directory.path)
        #expect(recorded.status == 0, "\(recorded)")
        #expect(recorded.out.contains("recorded event"))
        let stored = try #require(try await events(port, "&tag=service=web").first)
        #expect(stored["what"] as? String == "web v9" && stored["who"] as? String == "ci" && stored["source"] as? String == "api")
        let listed = try await runMetrics(["deploys", "--server", server, "--tag", "service=web", "--format", "json",
                                           "--token-file", directory.file("token")], in: directory.path)
        #expect(listed.status == 0, "\(listed)")
        #expect(listed.out.contains("web v9"))
        let none = try await runMetrics(["deploys", "--server", server, "--tag", "service=db"], in: directory.path)
        #expect(none.status == 1)
        let unreachable = try await runMetrics(["deploy", "x", "--server", "http://127.0.0.1:1"], in: directory.path)
        #expect(unreachable.status == 1 && unreachable.err.contains("cannot reach"), "\(unreachable)")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    /// A corrupt events database costs the events, not the daemon: it says why at start, the
    /// event endpoints answer 503 with the reason, graphs render without events.
    @Test func aCorruptEventsDatabaseLeavesTheDaemonRunning() async throws {
        try FileManager.default.createDirectory(atPath: directory.path + "/data", withIntermediateDirectories: true)
        let garbage = Data((0..<8_192).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        FileManager.default.createFile(atPath: directory.path + "/data/events.sqlite", contents: garbage)
        let (daemon, port, _) = try await start()
        try await daemon.waitFor("events are unavailable")
        let refused = try await request(port, "/api/v1/events", post: #"{"what": "web v1"}"#)
        #expect(refused.status == 503)
        #expect((try object(refused)["error"] as? String)?.contains("move it aside") == true)
        #expect(try await request(port, "/api/v1/events").status == 503)
        try await Task.sleep(for: .seconds(2))
        #expect(try await request(port, "/dashboards/web/panels/uptime.png?from=-5m", token: nil).status == 200)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        #expect(FileManager.default.contents(atPath: directory.path + "/data/events.sqlite") == garbage, "left for the operator")
    }

    /// curl as deploy scripts call it: `-d` sends the JSON as a form body; graphite-web reads it anyway.
    @Test func graphiteEventFromCurl() async throws {
        let (daemon, port, _) = try await start()
        let curl = try await runChild("/usr/bin/env", ["curl", "-sS", "-f", "-X", "POST", "http://127.0.0.1:\(port)/events/", "-H", "Authorization: Bearer \(Self.token)",
                                                        "-d", #"{"what": "Deploy web", "tags": "deploy web production", "data": "v1.4.2 by jenkins"}"#])
        #expect(curl.status == 0, "\(curl.err)")
        let stored = try #require(try await events(port, "&tag=production=true").first)
        #expect(stored["what"] as? String == "Deploy web: v1.4.2 by jenkins")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    /// An event the daemon acknowledged (201) is on disk: a kill -9 right after loses none.
    @Test func acknowledgedEventsSurviveKillDashNine() async throws {
        let (daemon, port, _) = try await start()
        var acknowledged: [Int] = []
        for index in 0..<20 {
            let response = try await request(port, "/api/v1/events", post: #"{"what": "web v\#(index)", "tags": {"service": "web"}}"#)
            #expect(response.status == 201)
            if let id = try object(response)["id"] as? Int { acknowledged.append(id) }
        }
        daemon.signal(SIGKILL)
        _ = try await daemon.waitForExit()
        let listed = try await runMetrics(["deploys", "--config", directory.file("metrics.yaml"), "--tag", "service=web", "--format", "json"],
                                          in: directory.path)
        #expect(listed.status == 0, "\(listed)")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [[String: Any]])
        #expect(Set(events.compactMap { $0["id"] as? Int }) == Set(acknowledged))
        #expect(acknowledged.count == 20)
    }

    /// Equal bytes, as a Bool: a failed comparison should not print two PNGs.
    func same(_ a: [UInt8], _ b: [UInt8]) -> Bool { a == b }

    func sendUDP(_ text: String, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bytes = Array(text.utf8)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, bytes, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
}
