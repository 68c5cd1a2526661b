import Hummingbird

/// The optional read token (`http.read_token_env` / `read_token_file`): when set, every read
/// endpoint requires `Authorization: Bearer TOKEN` or `?token=TOKEN` (a wall screen's browser
/// cannot set headers). Compared in constant time.
struct ReadAccess: Sendable {
    let token: [UInt8]?

    init(token: String?) {
        self.token = token.map { Array($0.utf8) }
    }

    func check(_ request: Request) throws(HTTPProblem) {
        guard let token else { return }
        var offered: String?
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            offered = String(header.dropFirst("Bearer ".count))
        } else {
            offered = request.uri.queryParameters.get("token")
        }
        guard let offered, PushAPI.constantTimeEqual(Array(offered.utf8), token) else {
            throw HTTPProblem(status: .unauthorized, message: "this endpoint needs the read token: send 'Authorization: Bearer TOKEN' or add '?token=TOKEN' to the URL")
        }
    }
}
