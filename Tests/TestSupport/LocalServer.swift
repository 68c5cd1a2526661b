import Hummingbird

/// Starts a real Hummingbird server for `router` on 127.0.0.1 at a free port and returns the port.
/// The server runs until the test process exits (stopping it makes Hummingbird log a spurious error).
public enum LocalServer {
    public static func start(_ router: Router<BasicRequestContext>) async throws -> Int {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), backlog: 512),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
        Task {
            defer { continuation.finish() }  // a server that fails to start fails the test instead of hanging it
            try await app.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw LocalServerError.didNotStart }
        return port
    }
}

public enum LocalServerError: Error {
    case didNotStart
}
