import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A refused read request: its status and a message saying what to send instead. API paths
/// answer `{"error": "..."}`; PNG paths answer plain text (an `<img>` shows neither).
struct HTTPProblem: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String

    static func badRequest(_ message: String) -> HTTPProblem { HTTPProblem(status: .badRequest, message: message) }
    static func notFound(_ message: String) -> HTTPProblem { HTTPProblem(status: .notFound, message: message) }

    func response(json: Bool) -> Response {
        // Messages quote the input; a browser must never sniff them as HTML.
        var headers: HTTPFields = [HTTPField.Name("X-Content-Type-Options")!: "nosniff"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        guard json else {
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
        }
        headers[.contentType] = "application/json"
        let body = (try? JSONEncoder().encode(["error": message])) ?? Data("{\"error\":\"error\"}".utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

enum JSONResponse {
    /// Keys sorted (equal data, equal bytes); `/` escaped so the JSON can sit inside HTML.
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else {
            return HTTPProblem(status: .internalServerError, message: "cannot encode the answer as JSON").response(json: true)
        }
        return bytes(Array(data), status: status)
    }

    static func bytes(_ data: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json", .cacheControl: "no-cache"],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
