internal import Synchronization

/// An HTTP/HTTPS client backed by libcurl. All transfers of one client share one curl multi
/// handle (and its connection cache), driven by one dedicated thread, so a slow target never
/// blocks the Swift cooperative pool.
public final class HTTPClient: Sendable {
    private let multi: CurlMulti
    private let nextID = Atomic<UInt64>(1)

    /// - Parameter maxConcurrentTransfers: transfers running at once; further requests wait
    ///   in a queue (their timeouts start when they start).
    public init(maxConcurrentTransfers: Int = 512) {
        multi = CurlMulti(maxConcurrentTransfers: maxConcurrentTransfers)
    }

    deinit {
        multi.shutdown()
    }

    /// Runs one request. Any HTTP status is a response; `HTTPError` means there was none.
    /// Cancelling the calling task aborts the transfer and throws `.cancelled`.
    public func perform(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        let target = try request.validate()
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                multi.submit(Submission(id: id, request: request, target: target, continuation: continuation))
            }
        } onCancel: {
            multi.cancel(id)
        }
        return try result.get()
    }

    /// Fails queued and running transfers with `.shutDown`, stops the thread and frees the
    /// multi handle; returns once that is done. Idempotent; later requests fail at once.
    public func shutdown() {
        multi.shutdown()
    }
}
