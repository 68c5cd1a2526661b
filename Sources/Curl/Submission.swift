/// A request on its way from `HTTPClient.perform` to the multi thread: plain Sendable values
/// only, so the C state (the easy handle) can be created on the thread that uses it.
struct Submission: Sendable {
    let id: UInt64
    let request: HTTPRequest
    let target: URLTarget
    let continuation: CheckedContinuation<Result<HTTPResponse, HTTPError>, Never>

    func fail(_ error: HTTPError) {
        continuation.resume(returning: .failure(error))
    }
}
