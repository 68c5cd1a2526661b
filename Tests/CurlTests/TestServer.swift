import Hummingbird

/// A real Hummingbird 2 server on 127.0.0.1 with an ephemeral port, shared by all tests of the
/// process and started on first use. It is never stopped: cancelling `Application.run()` makes
/// Hummingbird log a spurious error, and the process exit closes the socket anyway.
/// This file imports Hummingbird but not Curl: both export types named HTTPRequest and HTTPResponse.
enum TestServer {
    private static let started = Task { try await start() }

    static func port() async throws -> Int {
        try await started.value
    }
}

private func start() async throws -> Int {
    let router = Router()
    router.get("ok") { _, _ in "hello" }
    router.get("missing") { _, _ in Response(status: .notFound) }
    router.get("big") { _, _ in
        Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: 2 << 20)))
    }
    router.get("loop") { _, _ in Response.redirect(to: "/loop", type: .found) }
    router.get("redirect") { _, _ in Response.redirect(to: "/ok", type: .found) }
    router.get("tofile") { _, _ in Response.redirect(to: "file:///etc/passwd", type: .found) }
    router.post("echo") { request, _ in
        var request = request
        let received = try await request.collectBody(upTo: 1 << 20)
        // HTTPField itself is not re-exported by Hummingbird, hence the implicit member syntax.
        let echoed = request.headers.first { $0.name.canonicalName == "x-test" }?.value ?? "(none)"
        let headers: HTTPFields = [.init("X-Echo")!: echoed]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: received))
    }

    let (ports, portContinuation) = AsyncStream<Int>.makeStream()
    let app = Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) }
    )
    Task {
        // If the server fails to start, end the stream so the tests fail instead of hanging.
        defer { portContinuation.finish() }
        try await app.run()
    }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0 else {
        throw TestServerError.didNotStart
    }
    return port
}

enum TestServerError: Error {
    case didNotStart
}
