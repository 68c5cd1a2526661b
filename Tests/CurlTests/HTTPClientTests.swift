import Curl
import Testing

/// Runs `request` and returns the error it must fail with (nil if it succeeded).
private func failure(of request: HTTPRequest, on client: HTTPClient = HTTPClient()) async -> HTTPError? {
    do {
        _ = try await client.perform(request)
        return nil
    } catch {
        return error
    }
}

private func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
}

@Suite("HTTPClient against real local servers")
struct HTTPClientTests {
    @Test("GET /ok returns 200 hello with timings")
    func getOK() async throws {
        let port = try await TestServer.port()
        let url = "http://127.0.0.1:\(port)/ok"
        let response = try await HTTPClient().perform(HTTPRequest(url: url))
        #expect(response.status == 200)
        #expect(text(response.body) == "hello")
        #expect(response.bytes == 5)
        #expect(response.timings.total > .zero)
        #expect(response.timings.firstByte <= response.timings.total)
        #expect(response.timings.tls == .zero)  // plain http
        #expect(response.redirects == 0)
        #expect(response.effectiveURL == url)
        #expect(response.header("content-length") == "5")
    }

    @Test("a 404 is a response, not an error")
    func notFound() async throws {
        let port = try await TestServer.port()
        let response = try await HTTPClient().perform(HTTPRequest(url: "http://127.0.0.1:\(port)/missing"))
        #expect(response.status == 404)
    }

    @Test("a closed port is reported as connectionRefused with host:port")
    func connectionRefused() async {
        let port = refusedPort()
        let error = await failure(of: HTTPRequest(url: "http://127.0.0.1:\(port)/"))
        #expect(error == .connectionRefused("127.0.0.1:\(port)"))
    }

    @Test("a server that never answers times out waiting for the response, promptly")
    func timeout() async {
        let server = SilentServer()
        let clock = ContinuousClock()
        let start = clock.now
        let error = await failure(of: HTTPRequest(url: "http://127.0.0.1:\(server.port)/", totalTimeout: .milliseconds(500)))
        let elapsed = clock.now - start
        #expect(error == .timedOut(after: .milliseconds(500), phase: .waitingForResponse))
        #expect(elapsed >= .milliseconds(450))
        #expect(elapsed < .seconds(60), "it must end, not hang (a loose bound: the machine may be busy)")
        withExtendedLifetime(server) {}
    }

    @Test("a body over maxBodyBytes fails with bodyTooLarge")
    func bodyTooLarge() async throws {
        let port = try await TestServer.port()
        let request = HTTPRequest(url: "http://127.0.0.1:\(port)/big", maxBodyBytes: 64 << 10)
        #expect(await failure(of: request) == .bodyTooLarge(limit: 65536))
        // The same body fits under the default 8 MiB cap.
        let response = try await HTTPClient().perform(HTTPRequest(url: "http://127.0.0.1:\(port)/big"))
        #expect(response.body.count == 2 << 20)
    }

    @Test("redirects: a loop stops at maxRedirects, a single hop is followed")
    func redirects() async throws {
        let port = try await TestServer.port()
        let loop = HTTPRequest(url: "http://127.0.0.1:\(port)/loop", maxRedirects: 3)
        #expect(await failure(of: loop) == .tooManyRedirects(limit: 3))

        let response = try await HTTPClient().perform(HTTPRequest(url: "http://127.0.0.1:\(port)/redirect"))
        #expect(response.status == 200)
        #expect(text(response.body) == "hello")
        #expect(response.redirects == 1)
        #expect(response.effectiveURL == "http://127.0.0.1:\(port)/ok")
        #expect(response.header("location") == nil)  // only the final response's headers

        let unfollowed = try await HTTPClient().perform(HTTPRequest(url: "http://127.0.0.1:\(port)/redirect", maxRedirects: 0))
        #expect(unfollowed.status == 302)
        #expect(unfollowed.header("Location") == "/ok")
    }

    @Test("a redirect to a non-http scheme is refused")
    func redirectToFile() async throws {
        let port = try await TestServer.port()
        let error = await failure(of: HTTPRequest(url: "http://127.0.0.1:\(port)/tofile"))
        #expect(error == .unsupportedScheme("file"))
    }

    @Test("bad schemes and malformed URLs fail before any transfer")
    func urlValidation() async {
        #expect(await failure(of: HTTPRequest(url: "file:///etc/passwd")) == .unsupportedScheme("file"))
        #expect(await failure(of: HTTPRequest(url: "gopher://x")) == .unsupportedScheme("gopher"))
        #expect(await failure(of: HTTPRequest(url: "not a url")) == .invalidURL("not a url"))
        #expect(await failure(of: HTTPRequest(url: "http://x/", headers: [HTTPHeader(name: "X-Bad", value: "a\r\nInjected: 1")]))
            == .invalidHeader(name: "X-Bad"))
    }

    @Test("an unresolvable host is a DNS failure")
    func dnsFailure() async {
        let error = await failure(of: HTTPRequest(url: "http://nonexistent.invalid/", connectTimeout: .seconds(3)))
        #expect(error == .dnsFailure(host: "nonexistent.invalid"))
    }

    @Test("POST sends body and headers")
    func postEcho() async throws {
        let port = try await TestServer.port()
        let payload = Array("metric=42\u{0}binary".utf8)
        let response = try await HTTPClient().perform(HTTPRequest(
            url: "http://127.0.0.1:\(port)/echo",
            method: .post,
            headers: [HTTPHeader(name: "X-Test", value: "probe-7")],
            body: payload
        ))
        #expect(response.status == 200)
        #expect(response.body == payload)
        #expect(response.header("x-echo") == "probe-7")
    }

    @Test("50 concurrent GETs through one client", arguments: [64, 4])
    func concurrency(maxConcurrentTransfers: Int) async throws {
        let port = try await TestServer.port()
        let client = HTTPClient(maxConcurrentTransfers: maxConcurrentTransfers)
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    let response = try await client.perform(HTTPRequest(url: "http://127.0.0.1:\(port)/ok"))
                    return response.status == 200 ? text(response.body) : "status \(response.status)"
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(bodies.count == 50)
        #expect(bodies.allSatisfy { $0 == "hello" })
    }

    @Test("cancelling the awaiting task aborts the transfer")
    func cancellation() async {
        let server = SilentServer()
        let client = HTTPClient()
        let clock = ContinuousClock()
        let start = clock.now
        // A long timeout, so that a lost cancellation (a 60 s wait) is told apart from a busy
        // machine delaying the test's own tasks.
        let request = HTTPRequest(url: "http://127.0.0.1:\(server.port)/", totalTimeout: .seconds(60))
        let task = Task { await failure(of: request, on: client) }
        try? await Task.sleep(for: .milliseconds(200))
        task.cancel()
        #expect(await task.value == .cancelled)
        #expect(clock.now - start < .seconds(30), "cancelling must end the wait, not hang until the timeout")
        withExtendedLifetime(server) {}
    }

    @Test("shutdown fails running transfers and rejects new ones")
    func shutdown() async {
        let server = SilentServer()
        let client = HTTPClient()
        let running = Task { await failure(of: HTTPRequest(url: "http://127.0.0.1:\(server.port)/"), on: client) }
        try? await Task.sleep(for: .milliseconds(200))
        client.shutdown()
        #expect(await running.value == .shutDown)
        #expect(await failure(of: HTTPRequest(url: "http://127.0.0.1:\(server.port)/"), on: client) == .shutDown)
        client.shutdown()  // idempotent
        withExtendedLifetime(server) {}
    }

    @Test("error descriptions are readable sentences")
    func descriptions() {
        #expect(HTTPError.connectionRefused("127.0.0.1:9").description
            == "connection refused by 127.0.0.1:9 — is the service running and listening on that port?")
        #expect(HTTPError.timedOut(after: .milliseconds(500), phase: .waitingForResponse).description
            .hasPrefix("timed out after 500 ms waiting for a response"))
        #expect(HTTPError.bodyTooLarge(limit: 65536).description.contains("65536 bytes"))
        let all: [HTTPError] = [
            .invalidURL("x"), .unsupportedScheme("ftp"), .invalidHeader(name: "X"), .dnsFailure(host: "h"),
            .connectionRefused("h:1"), .timedOut(after: .seconds(2), phase: .connecting),
            .timedOut(after: .milliseconds(1500), phase: .receivingBody), .bodyTooLarge(limit: 1),
            .tooManyRedirects(limit: 3), .tls("bad cert"), .transfer(code: 56, message: "Recv failure"),
            .cancelled, .shutDown,
        ]
        for error in all {
            #expect(error.description.count > 20 && (error.description.hasSuffix(".") || error.description.hasSuffix("?")), "\(error)")
        }
    }
}
