import Foundation
import Hummingbird
import NIOCore

/// A Graphite request's parameters: the query string, and for POST a form body
/// (`application/x-www-form-urlencoded`, what Grafana sends), merged as graphite-web does.
struct GraphiteParameters: Sendable {
    private(set) var pairs: [(name: String, value: String)]
    static let maxBody = 1 << 20

    init(_ pairs: [(String, String)]) {
        self.pairs = pairs.map { (name: $0.0, value: $0.1) }
    }

    static func read(_ request: Request) async throws(HTTPProblem) -> GraphiteParameters {
        var pairs = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
        guard request.method == .post else { return GraphiteParameters(pairs) }
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw .badRequest("send the parameters as a form (Content-Type: application/x-www-form-urlencoded) or in the URL")
        }
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: maxBody) } catch {
            throw HTTPProblem(status: .contentTooLarge, message: "the form is larger than \(maxBody) bytes")
        }
        pairs += try form(String(buffer: body))
        return GraphiteParameters(pairs)
    }

    /// `a=1&b=x+y&c=%41`: `+` is a space, percent escapes are decoded; a bad escape is refused.
    static func form(_ text: String) throws(HTTPProblem) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for field in text.split(separator: "&") where !field.isEmpty {
            let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ part: Substring) throws(HTTPProblem) -> String {
                guard let text = part.replacing("+", with: " ").removingPercentEncoding else {
                    throw .badRequest("the form field \(GraphQuery.shown(String(part))) has a bad %-escape; encode '%' as %25")
                }
                return text
            }
            pairs.append((try decoded(parts[0]), parts.count > 1 ? try decoded(parts[1]) : ""))
        }
        return pairs
    }

    func get(_ name: String) -> String? { pairs.last { $0.name == name }?.value }
    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    func integer(_ name: String, default fallback: Int?, _ bounds: ClosedRange<Int>) throws(HTTPProblem) -> Int? {
        guard let text = get(name), !text.isEmpty else { return fallback }
        // Grafana may send a float maxDataPoints; Graphite truncates.
        guard text.utf8.count <= 12, let value = Int(text) ?? Double(text).flatMap({ $0.isFinite ? Int($0) : nil }),
              bounds.contains(value) else {
            throw .badRequest("\(name)=\(GraphQuery.shown(text)): give a whole number from \(bounds.lowerBound) to \(bounds.upperBound)")
        }
        return value
    }

    func flag(_ name: String) -> Bool {
        guard let text = get(name)?.lowercased() else { return false }
        return ["1", "true", "yes", "on", ""].contains(text)
    }
}
