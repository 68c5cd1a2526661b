import Curl
import Foundation
import Testing

/// Hostile Graphite requests: clear 4xx answers, never work out of proportion, never an
/// unescaped string in rrd_graph.
@Suite struct GraphiteHostileTests {
    func error(_ response: Curl.HTTPResponse) -> String {
        ((try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: String])?["error"] ?? ""
    }

    @Test func badTargetsAnswer400WithWhatToDo() async throws {
        let server = try await GraphiteFixture()
        let deep = String(repeating: "scale(", count: 100) + "hosts.web1.load" + String(repeating: ",1)", count: 100)
        let cases: [(String, String)] = [
            (deep, "more than 32 deep"),
            ("fooBar(hosts.web1.load)", "unknown function fooBar; supported: alias,"),
            (String(repeating: "a", count: 20_000), "the limit is 16384"),
            ("sumSeries(hosts.*.load", "expected ',' or ')'"),
            ("aliasSub(hosts.web1.load, '(x+)*y', 'z')", "repeated group"),
        ]
        for (target, fragment) in cases {
            let response = try await server.postForm("/render", "target=\(encodeURIComponent(target))&format=json&\(GraphiteFixture.lastHour)")
            #expect(response.status == 400, "\(target.prefix(40))")
            #expect(error(response).contains(fragment), "\(error(response))")
        }
        let noTarget = try await server.postForm("/render", "format=json")
        #expect(error(noTarget).contains("give at least one target"))
        let badEscape = try await server.postForm("/render", "target=%zz&format=json")
        #expect(badEscape.status == 400)
        let badFormat = try await server.get("/render?target=hosts.web1.load&format=pickle")
        #expect(error(badFormat).contains("use json, csv, raw or png"))
        let badTime = try await server.get("/render?target=hosts.web1.load&format=json&from=teatime")
        #expect(error(badTime).contains("HH:MM_YYYYMMDD"))
    }

    /// 10,000 matching names (empty files: the bound is checked before any file is read).
    @Test func tenThousandExpansionsAreRefusedBeforeReading() async throws {
        let server = try await GraphiteFixture(manyFiles: 10_000)
        let response = try await server.postForm("/render", "target=sumSeries(many.*)&format=json&\(GraphiteFixture.lastHour)")
        #expect(response.status == 400)
        #expect(error(response).contains("past 500 series"), "\(error(response))")
        let braces = "{" + (0..<2_000).map { "m\($0)" }.joined(separator: ",") + "}"
        let wide = try await server.postForm("/render", "target=many.\(braces)&format=json&\(GraphiteFixture.lastHour)")
        #expect(wide.status == 400)
        #expect(error(wide).contains("alternatives"), "\(error(wide))")
    }

    @Test func hugeFormBodyIsRefused() async throws {
        let server = try await GraphiteFixture()
        let response = try await server.postForm("/render", "target=" + String(repeating: "a", count: 2 << 20))
        #expect(response.status == 413)
    }

    /// Aliases that read like rrd_graph syntax (`:` separators, `%` formats, a trailing
    /// backslash, quotes) stay legend text: the graph renders (a DEF of /etc/passwd would fail it).
    @Test(arguments: [
        "x:DEF:y=/etc/passwd:value:AVERAGE", "100% %s %n %%", "it's \"quoted\"", "ends in \\", "tab\there", String(repeating: "long ", count: 50),
    ])
    func hostileAliasesRenderAsText(_ alias: String) async throws {
        let server = try await GraphiteFixture()
        let target = "alias(hosts.web1.load, '\(alias.replacing("\\", with: "\\\\").replacing("'", with: "\\'"))')"
        let response = try await server.postForm("/render", "target=\(encodeURIComponent(target))&\(GraphiteFixture.lastHour)&format=png&width=400&height=200")
        #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
        #expect(Array(response.body.prefix(8)) == pngSignature)
    }

    @Test func pngOfComputedSeries() async throws {
        let server = try await GraphiteFixture()
        let target = encodeURIComponent("sumSeries(hosts.*.load)")
        let response = try await server.get("/render?target=\(target)&target=hosts.web1.load&\(GraphiteFixture.lastHour)&title=Load%3A%20all&theme=dark")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "image/png")
        #expect(response.header("X-Graph-End") == String(GraphiteFixture.t0))
        let tooLong = try await server.get("/render?target=hosts.web1.load&\(GraphiteFixture.lastHour)&title=\(String(repeating: "t", count: 300))")
        #expect(tooLong.status == 400)
        let nothing = try await server.get("/render?target=nothing.here&\(GraphiteFixture.lastHour)")
        #expect(nothing.status == 404)
    }

    @Test func csvRawAndNoNullPoints() async throws {
        let server = try await GraphiteFixture()
        let csv = try await server.get("/render?target=hosts.db1.load&format=csv&\(GraphiteFixture.lastHour)&maxDataPoints=2")
        #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(String(decoding: csv.body, as: UTF8.self).hasPrefix("hosts.db1.load,"))
        #expect(String(decoding: csv.body, as: UTF8.self).hasSuffix(",2\r\n"))
        let raw = try await server.get("/render?target=hosts.db1.load&format=raw&\(GraphiteFixture.lastHour)&maxDataPoints=2")
        #expect(String(decoding: raw.body, as: UTF8.self) == "hosts.db1.load,\(GraphiteFixture.t0 - 1_800),\(GraphiteFixture.t0 + 1_800),1800|2,2\n")
        // The first point of a derivative is unknown; noNullPoints leaves it out.
        let dense = try await server.get("/render?target=perSecond(app.requests.count)&format=json&\(GraphiteFixture.lastHour)&noNullPoints=true")
        #expect(!String(decoding: dense.body, as: UTF8.self).contains("null"))
        let sparse = try await server.get("/render?target=perSecond(app.requests.count)&format=json&\(GraphiteFixture.lastHour)")
        #expect(String(decoding: sparse.body, as: UTF8.self).contains("[null,"))
    }
}
