import Foundation
import Testing
import TestSupport

/// `metrics` answers local queries itself and hands everything else to `metrics-core`.
@Suite struct FrontBinaryTests {
    static var folder: String {
        if let path = ProcessInfo.processInfo.environment["METRICS_BINARY"] { return (path as NSString).deletingLastPathComponent }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug").path
    }

    /// The point of the split: no libcurl (and its TLS, Kerberos, LDAP...) and no shared Swift
    /// runtime to load before a query.
    @Test func theFrontBinaryLinksNeitherLibcurlNorTheSharedSwiftRuntime() async throws {
        let linked = try await runChild("/usr/bin/ldd", [Self.folder + "/metrics"])
        #expect(linked.status == 0, "\(linked.err)")
        #expect(linked.out.contains("librrd"))
        for library in ["libcurl", "libswiftCore", "libFoundation"] { #expect(!linked.out.contains(library), "\(linked.out)") }
        let core = try await runChild("/usr/bin/ldd", [Self.folder + "/metrics-core"])
        #expect(core.out.contains("libcurl"))
    }

    @Test func otherCommandsRunMetricsCore() async throws {
        let version = try await runChild(Self.folder + "/metrics", ["--version"])
        #expect(version.status == 0 && version.out.contains("0.1.0"))
        let help = try await runChild(Self.folder + "/metrics", ["--help"])
        #expect(help.out.contains("serve") && help.out.contains("deploys"), "\(help.out)")
        let queryHelp = try await runChild(Self.folder + "/metrics", ["query", "--help"])
        #expect(queryHelp.out.contains("--server") && queryHelp.out.contains("USAGE: metrics query"), "\(queryHelp.out)")
    }

    @Test func withoutMetricsCoreItSaysWhatToInstall() async throws {
        let alone = TemporaryDirectory()
        let copy = alone.path + "/metrics"
        try FileManager.default.copyItem(atPath: Self.folder + "/metrics", toPath: copy)
        let serve = try await runChild(copy, ["serve"])
        #expect(serve.status == 127)
        #expect(serve.err.contains("metrics-core") && serve.err.contains(alone.path), "\(serve.err)")
        // A local query needs no metrics-core.
        let query = try await runChild(copy, ["query", "host.*", "--data-dir", alone.path])
        #expect(query.status == 1 && query.err.contains("no metric matches"), "\(query.err)")
    }
}
