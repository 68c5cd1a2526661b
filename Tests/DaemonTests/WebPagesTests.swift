import Curl
import DashboardServer
import Foundation
import Testing
import TestSupport

/// The embedded pages equal their source files, and the daemon serves them with a strict policy.
@Suite(.serialized) struct WebPagesTests {
    static let webDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/DashboardServer/Web")

    @Test func embeddedAssetsEqualTheFilesRunEtcEmbedWebAssetsWhenThisFails() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.webDirectory.path).sorted()
        #expect(names.sorted() == WebAssets.files.keys.sorted())
        for name in names {
            let text = try String(contentsOf: Self.webDirectory.appendingPathComponent(name), encoding: .utf8)
            #expect(WebAssets.files[name] == text, "\(name) differs from its embedded copy: run etc/embed-web-assets")
        }
    }

    /// No page pulls anything from another host (the wall screen may be offline) or runs inline script.
    @Test func pagesLoadNothingFromElsewhereAndHaveNoInlineScript() throws {
        for (name, text) in WebAssets.files {
            // The SVG namespace is a name, not a resource.
            let resources = text.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
            let external = ["http://", "https://", "\"//", "'//"].filter { resources.contains($0) }
            #expect(external.isEmpty, "\(name) names an external URL: \(external)")
            for call in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("] {
                let uses = text.contains(call)
                #expect(!uses, "\(name) uses \(call)")
            }
            if name.hasSuffix(".html") {
                let scripts = text.components(separatedBy: "<script").dropFirst()
                #expect(scripts.allSatisfy { $0.hasPrefix(" src=\"/assets/") }, "\(name) has an inline script")
                #expect(text.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil, "\(name) has an inline handler")
                #expect(!text.contains("style="), "\(name) has an inline style the policy would block")
            }
        }
    }

    @Test func daemonServesPagesAndAssetsWithPolicyTypesAndETags() async throws {
        let directory = TemporaryDirectory()
        let daemon = try DaemonProcess(["serve", "--config", quietConfig(in: directory.path), "--listen", "127.0.0.1:0"],
                                       directory: directory.path)
        let port = try await daemon.waitForPort()
        let client = HTTPClient()
        let base = "http://127.0.0.1:\(port)"
        let pages: [(path: String, type: String, marker: String)] = [
            ("/", "text/html; charset=utf-8", "/assets/index.js"),
            ("/dashboards/host", "text/html; charset=utf-8", "/assets/dashboard.js"),
            ("/wall/host?rotate=host,app&every=60", "text/html; charset=utf-8", "/assets/wall.js"),
            ("/assets/app.css", "text/css; charset=utf-8", "body.wall"),
            ("/assets/wall.js", "text/javascript; charset=utf-8", "rotation"),
        ]
        for page in pages {
            let response = try await client.perform(HTTPRequest(url: base + page.path))
            #expect(response.status == 200, "\(page.path)")
            #expect(response.header("Content-Type") == page.type, "\(page.path)")
            #expect(String(decoding: response.body, as: UTF8.self).contains(page.marker), "\(page.path)")
            let policy = response.header("Content-Security-Policy") ?? ""
            #expect(policy.contains("default-src 'self'") && policy.contains("img-src 'self' blob: data:")
                    && !policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), "\(page.path): \(policy)")
            #expect(response.header("X-Content-Type-Options") == "nosniff")
            let eTag = try #require(response.header("ETag"), "\(page.path) has no ETag")
            let again = try await client.perform(HTTPRequest(url: base + page.path, headers: [HTTPHeader(name: "If-None-Match", value: eTag)]))
            #expect(again.status == 304 && again.body.isEmpty, "\(page.path): \(again.status)")
        }
        for missing in ["/assets/nothing.js", "/assets/..%2F..%2FPackage.swift", "/assets/%2Fetc%2Fpasswd", "/wall"] {
            let response = try await client.perform(HTTPRequest(url: base + missing))
            #expect(response.status == 404, "\(missing): \(response.status)")
        }
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }
}
